// A test aid: prints an event's info column the way `trace-cmd report` (3.1.6, with the
// libtraceevent plugins Debian ships) prints it for the events of our reference traces, so
// tests can compare event for event. Not a print-fmt interpreter: other events get the
// generic `field=value` rendering, which equals trace-cmd's only where the print fmt is that.
import type { FieldValue } from './decode-fields.js'
import { bprintMessage } from './format-bprint.js'
import type { TraceDatEvent } from './trace-dat-records.js'

const SOFTIRQ_NAMES = ['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU']
// The sched_switch plugin's own state letters (not the kernel's print fmt): observed in
// trace-cmd 3.1.6 output for 6.18 and 4.x kernels alike; a state with none of these bits is R.
const PLUGIN_STATE_LETTERS = 'SDTtZXxW'

const num = (v: FieldValue | undefined): number => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : NaN)
const hex = (v: FieldValue | undefined): string => (typeof v === 'number' || typeof v === 'bigint' ? v.toString(16) : String(v))
const pad3 = (v: FieldValue | undefined): string => String(num(v)).padStart(3, '0')

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
}

/** The info column (after "name:") of `trace-cmd report` for `e`. */
export function formatLikeReport(e: TraceDatEvent, opts: FormatLikeReportOptions = {}): string {
  const f = e.fields
  switch (e.name) {
    case 'sched_switch':
      return `${f.prev_comm}:${f.prev_pid} [${f.prev_prio}] ${switchState(num(f.prev_state))} ==> ${f.next_comm}:${f.next_pid} [${f.next_prio}]`
    case 'sched_wakeup':
    case 'sched_wakeup_new':
      // The wakeup plugin prints prio unsigned: a deadline task's -1 shows as 4294967295.
      return `${f.comm}:${f.pid} [${num(f.prio) >>> 0}] CPU:${pad3(f.target_cpu)}`
    case 'sched_waking':
      return `comm=${f.comm} pid=${f.pid} prio=${f.prio} target_cpu=${pad3(f.target_cpu)}`
    case 'sched_migrate_task':
      return `comm=${f.comm} pid=${f.pid} prio=${f.prio} orig_cpu=${f.orig_cpu} dest_cpu=${f.dest_cpu}`
    case 'sched_process_fork':
      return `comm=${f.parent_comm} pid=${f.parent_pid} child_comm=${f.child_comm} child_pid=${f.child_pid}`
    case 'sched_process_exit':
      return `comm=${f.comm} pid=${f.pid} prio=${f.prio}` + (f.group_dead === undefined ? '' : ` group_dead=${num(f.group_dead) ? 'true' : 'false'}`)
    case 'irq_handler_entry':
      return `irq=${f.irq} name=${f.name}`
    case 'irq_handler_exit':
      return `irq=${f.irq} ret=${num(f.ret) ? 'handled' : 'unhandled'}`
    case 'softirq_raise':
    case 'softirq_entry':
    case 'softirq_exit':
      return `vec=${f.vec} [action=${SOFTIRQ_NAMES[num(f.vec)] ?? 'UNKNOWN'}]`
    case 'hrtimer_expire_entry': {
      // The hrtimer plugin prints the callback as "name/0x<offset>" (seen with offset 0 only).
      const fn = symbol(f.function, opts)
      return `hrtimer=0x${hex(f.hrtimer)} now=${f.now} function=${fn === undefined ? `0x${hex(f.function)}` : `${fn.name}/0x${fn.offset.toString(16)}`}`
    }
    case 'bprint': {
      const message = bprintMessage(e, opts.printk ?? new Map(), { longSize: opts.longSize ?? 8, littleEndian: opts.littleEndian ?? true, symbolize: opts.symbolize })
      if (message === undefined) return formatFieldsGeneric(f)
      return `${symbol(f.ip, opts)?.name ?? `0x${hex(f.ip)}`}: ${message.replace(/\n$/, '')}`
    }
    case 'print':
      return `${symbol(f.ip, opts)?.name ?? `0x${hex(f.ip)}`}: ${String(f.buf).replace(/\n$/, '')}`
    case 'hrtimer_expire_exit':
      return `hrtimer=0x${hex(f.hrtimer)}`
    case 'sys_enter':
      return `NR ${f.id} (${Array.isArray(f.args) ? f.args.map((a) => BigInt.asUintN(64, BigInt(a)).toString(16)).join(', ') : ''})`
    case 'sys_exit':
      return `NR ${f.id} = ${f.ret}`
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
