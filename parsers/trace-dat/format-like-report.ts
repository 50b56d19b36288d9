// An event's info column the way `trace-cmd report` (3.1.6, with the libtraceevent plugins
// Debian ships) prints it, for the events of the reference traces: sched, irq, softirq,
// syscalls, hrtimer/timer, kmem, print/bprint. The tests compare it event for event with real
// reports; the trace.dat ingest adapter feeds it to the ftrace text parser. Not a print-fmt
// interpreter: other events get a generic `field=value` rendering (decimal integers).
import { decimalText, threeDigits } from './decimal-text.js'
import type { FieldValue } from './decode-fields.js'
import type { EventFormat } from './event-format.js'
import { bprintMessage } from './format-bprint.js'
import { flagTables, formatFlags, formatSymbolic, type FlagTable } from './print-flags.js'
import type { TraceDatEvent } from './trace-dat-records.js'

const SOFTIRQ_NAMES = ['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU']
// The sched_switch plugin's own state letters (not the kernel's print fmt): observed in
// trace-cmd 3.1.6 output for 6.18 and 4.x kernels alike; a state with none of these bits is R.
const PLUGIN_STATE_LETTERS = 'SDTtZXxW'

const num = (v: FieldValue | undefined): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN)
const hex = (v: FieldValue | undefined): string => (typeof v === 'number' || typeof v === 'bigint' ? v.toString(16) : String(v))
const pad3 = (v: FieldValue | undefined): string => threeDigits(num(v))
/** What a template literal prints for `v`, integers without V8's number-to-string cache (decimal-text.ts). */
const text = (v: FieldValue | undefined): string => (typeof v === 'number' ? decimalText(v) : `${v}`)
const big = (v: FieldValue | undefined): bigint => (typeof v === 'number' || typeof v === 'bigint' ? BigInt.asUintN(64, BigInt(v)) : 0n)
/** %p: 0x<hex>, or (nil) for a null pointer. */
const pointer = (v: FieldValue | undefined): string => (big(v) === 0n ? '(nil)' : `0x${big(v).toString(16)}`)

function symbol(v: FieldValue | undefined, opts: FormatLikeReportOptions): { name: string; offset: number } | undefined {
  return typeof v === 'bigint' || typeof v === 'number' ? opts.symbolize?.(BigInt(v)) : undefined
}

function switchState(state: number): string {
  for (let bit = 0; bit < PLUGIN_STATE_LETTERS.length; bit++) if (state & (1 << bit)) return PLUGIN_STATE_LETTERS[bit]!
  return 'R'
}

/** `field=value` for every field: strings raw, integers in decimal, arrays as ARRAY[...]. */
export function formatFieldsGeneric(fields: Record<string, FieldValue>): string {
  return Object.entries(fields)
    .map(([name, v]) => `${name}=${Array.isArray(v) ? `ARRAY[${v.join(', ')}]` : String(v)}`)
    .join(' ')
}

export interface FormatLikeReportOptions {
  /** The kernel symbol containing an address (hrtimer function, print ip); default: 0x<hex>. */
  symbolize?: (address: bigint) => { name: string; offset: number } | undefined
  /** printk formats (readPrintkFormats), for bprint messages; without them bprint prints its fields. */
  printk?: Map<bigint, string>
  /** The kernel's long size and byte order (meta.kernelLongSize, meta.littleEndian), for bprint. */
  longSize?: number
  littleEndian?: boolean
  /** The event formats (readTraceDatLayout(src).formats): their flag tables name gfp_flags, timer flags, clock ids. */
  formats?: Map<number, EventFormat>
}

const tablesOf = new WeakMap<EventFormat, FlagTable[]>()

function flagTable(e: TraceDatEvent, field: string, opts: FormatLikeReportOptions): FlagTable | undefined {
  const format = opts.formats?.get(e.id)
  let tables = format === undefined ? undefined : tablesOf.get(format)
  if (format !== undefined && tables === undefined) tablesOf.set(format, (tables = flagTables(format.printFmt)))
  return tables?.find((t) => t.field === field)
}

/** `value` through the event's __print_flags/__print_symbolic on `field`; 0x<hex> without formats. */
function flagText(e: TraceDatEvent, field: string, value: bigint, opts: FormatLikeReportOptions): string {
  const table = flagTable(e, field, opts)
  if (table === undefined) return `0x${value.toString(16)}`
  return table.kind === 'flags' ? formatFlags(value, table) : formatSymbolic(value, table)
}

/** kmalloc's `accounted`: a field until 6.1, since then __GFP_ACCOUNT tested in the print fmt. */
function accounted(e: TraceDatEvent, opts: FormatLikeReportOptions): boolean {
  if (e.fields.accounted !== undefined) return num(e.fields.accounted) !== 0
  const account = flagTable(e, 'gfp_flags', opts)?.entries.find((x) => x.name === '__GFP_ACCOUNT')?.value
  return account !== undefined && (big(e.fields.gfp_flags) & account) !== 0n
}


/** The info column (after "name:") of `trace-cmd report` for `e`. */
export function formatLikeReport(e: TraceDatEvent, opts: FormatLikeReportOptions = {}): string {
  const f = e.fields
  switch (e.name) {
    case 'sched_switch':
      return `${text(f.prev_comm)}:${text(f.prev_pid)} [${text(f.prev_prio)}] ${switchState(num(f.prev_state))} ==> ${text(f.next_comm)}:${text(f.next_pid)} [${text(f.next_prio)}]`
    case 'sched_wakeup':
    case 'sched_wakeup_new':
      // The wakeup plugin prints prio unsigned: a deadline task's -1 shows as 4294967295.
      return `${text(f.comm)}:${text(f.pid)} [${decimalText(num(f.prio) >>> 0)}] CPU:${pad3(f.target_cpu)}`
    case 'sched_waking':
      return `comm=${text(f.comm)} pid=${text(f.pid)} prio=${text(f.prio)} target_cpu=${pad3(f.target_cpu)}`
    case 'sched_migrate_task':
      return `comm=${text(f.comm)} pid=${text(f.pid)} prio=${text(f.prio)} orig_cpu=${text(f.orig_cpu)} dest_cpu=${text(f.dest_cpu)}`
    case 'sched_process_fork':
      return `comm=${text(f.parent_comm)} pid=${text(f.parent_pid)} child_comm=${text(f.child_comm)} child_pid=${text(f.child_pid)}`
    case 'sched_process_exit':
      return `comm=${text(f.comm)} pid=${text(f.pid)} prio=${text(f.prio)}` + (f.group_dead === undefined ? '' : ` group_dead=${num(f.group_dead) ? 'true' : 'false'}`)
    case 'irq_handler_entry':
      return `irq=${text(f.irq)} name=${text(f.name)}`
    case 'irq_handler_exit':
      return `irq=${text(f.irq)} ret=${num(f.ret) ? 'handled' : 'unhandled'}`
    case 'softirq_raise':
    case 'softirq_entry':
    case 'softirq_exit':
      return `vec=${text(f.vec)} [action=${SOFTIRQ_NAMES[num(f.vec)] ?? 'UNKNOWN'}]`
    case 'hrtimer_expire_entry': {
      // The hrtimer plugin prints the callback as "name/0x<offset>" (seen with offset 0 only).
      const fn = symbol(f.function, opts)
      return `hrtimer=0x${hex(f.hrtimer)} now=${text(f.now)} function=${fn === undefined ? `0x${hex(f.function)}` : `${fn.name}/0x${fn.offset.toString(16)}`}`
    }
    case 'bprint': {
      const message = bprintMessage(e, opts.printk ?? new Map(), { longSize: opts.longSize ?? 8, littleEndian: opts.littleEndian ?? true, symbolize: opts.symbolize })
      if (message === undefined) return formatFieldsGeneric(f)
      return `${symbol(f.ip, opts)?.name ?? `0x${hex(f.ip)}`}: ${message.replace(/\n$/, '')}`
    }
    case 'print':
      return `${symbol(f.ip, opts)?.name ?? `0x${hex(f.ip)}`}: ${String(f.buf).replace(/\n$/, '')}`
    case 'hrtimer_expire_exit':
    case 'hrtimer_cancel':
      return `hrtimer=0x${hex(f.hrtimer)}`
    case 'hrtimer_start': {
      // The hrtimer plugin's layout: no mode, callback as "name/0x<offset>".
      const fn = symbol(f.function, opts)
      return `hrtimer=0x${hex(f.hrtimer)} function=${fn === undefined ? `0x${hex(f.function)}` : `${fn.name}/0x${fn.offset.toString(16)}`} expires=${text(f.expires)} softexpires=${text(f.softexpires)}`
    }
    case 'hrtimer_init':
    case 'hrtimer_setup':
      return `hrtimer=0x${hex(f.hrtimer)} clockid=${flagText(e, 'clockid', big(f.clockid), opts)} mode=${flagText(e, 'mode', big(f.mode), opts)}`
    case 'timer_init':
    case 'timer_cancel':
    case 'timer_expire_exit':
      return `timer=${pointer(f.timer)}`
    case 'timer_expire_entry':
      return `timer=${pointer(f.timer)} function=${symbol(f.function, opts)?.name ?? pointer(f.function)} now=${text(f.now)} baseclk=${text(f.baseclk)}`
    case 'timer_start': {
      const flags = num(f.flags)
      return `timer=${pointer(f.timer)} function=${symbol(f.function, opts)?.name ?? pointer(f.function)} expires=${text(f.expires)}`
        + ` [timeout=${decimalText(num(f.expires) - num(f.now))}] bucket_expiry=${text(f.bucket_expiry)} cpu=${decimalText(flags & 0x3ffff)} idx=${decimalText(flags >>> 22)}`
        // The kernel's flags (REC->flags & mask); trace-cmd 3.1.6 drops the parentheses of
        // that mask and prints D|P|I whatever the flags.
        + ` flags=${flagText(e, 'flags', BigInt(flags & 0x3c0000), opts)}`
    }
    case 'kmalloc':
    case 'kfree': {
      // The kmem plugin puts the call site in front.
      const site = symbol(f.call_site, opts)
      const siteText = site === undefined ? pointer(f.call_site) : `${site.name}+0x${site.offset.toString(16)}`
      const head = `(${siteText}) call_site=${siteText} ptr=${pointer(f.ptr)}`
      if (e.name === 'kfree') return head
      const gfp = big(f.gfp_flags)
      return `${head} bytes_req=${text(f.bytes_req)} bytes_alloc=${text(f.bytes_alloc)} gfp_flags=${gfp === 0n ? 'none' : flagText(e, 'gfp_flags', gfp, opts)}`
        + ` node=${text(f.node)} accounted=${accounted(e, opts)}`
    }
    case 'mm_page_alloc':
    case 'mm_page_free': {
      // page=%p is struct page arithmetic report cannot do: it prints the pfn.
      const head = `page=0x${hex(f.pfn)} pfn=0x${hex(f.pfn)} order=${text(f.order)}`
      if (e.name === 'mm_page_free') return head
      const gfp = big(f.gfp_flags)
      return `${head} migratetype=${text(f.migratetype)} gfp_flags=${gfp === 0n ? 'none' : flagText(e, 'gfp_flags', gfp, opts)}`
    }
    case 'sys_enter':
      return `NR ${text(f.id)} (${Array.isArray(f.args) ? f.args.map((a) => BigInt.asUintN(64, BigInt(a)).toString(16)).join(', ') : ''})`
    case 'sys_exit':
      return `NR ${text(f.id)} = ${text(f.ret)}`
    default:
      return formatFieldsGeneric(f)
  }
}

/**
 * The latency column of `trace-cmd report -l` after the CPU number: irqs-off (d, X when not
 * supported), need-resched (N), hard/soft irq (Z z H h s), preempt depth, migrate-disable depth.
 */
export function formatLatencyFlags(e: TraceDatEvent): string {
  const { flags, preemptCount } = e
  const irqs = flags & 0x02 ? 'X' : flags & 0x01 ? 'd' : '.'
  // trace-cmd 3.1.6 shows need-resched (0x04) as N whatever the preempt-resched bit says.
  const resched = flags & 0x04 ? 'N' : '.'
  const nmi = flags & 0x40
  const hard = flags & 0x08
  const soft = flags & 0x10
  const context = nmi && hard ? 'Z' : nmi ? 'z' : hard && soft ? 'H' : hard ? 'h' : soft ? 's' : '.'
  const depth = preemptCount & 0xf
  const migrate = (preemptCount >> 4) & 0xf
  return `${irqs}${resched}${context}${depth ? depth.toString(16) : '.'}${migrate ? migrate.toString(16) : '.'}`
}
