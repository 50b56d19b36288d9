// Test support: compares what readTraceDat yields with `trace-cmd report` text, event for event.
import type { FieldValue } from './decode-fields.js'
import type { EventFormat, FieldFormat } from './event-format.js'
import { formatLatencyFlags, formatLikeReport } from './format-like-report.js'
import { printFmtConversions } from './print-fmt-conversions.js'
import { reportTime, type ReportLine } from './report-lines.js'
import type { Kallsyms } from './kallsyms.js'
import type { TraceDatEvent } from './trace-dat-records.js'

/** What trace-cmd prints as the task name: <idle> for pid 0, <...> for a pid without a saved comm. */
export function reportComm(e: TraceDatEvent): string {
  return e.pid === 0 ? '<idle>' : e.comm ?? '<...>'
}

function elementBytes(v: number | bigint, size: number): string[] {
  let x = BigInt.asUintN(size * 8, BigInt(v))
  const out: string[] = []
  for (let i = 0; i < size; i++, x >>= 8n) out.push((x & 0xffn).toString(16).padStart(2, '0'))
  return out
}

/** What the -R check may need beyond the fields: symbols and kernel strings. */
export interface RawContext {
  kallsyms?: Kallsyms
  printk?: Map<bigint, string>
}

/**
 * One -R token against our value. Integers: in decimal (exact), 0x hex (same bits), or as the
 * print fmt's conversion for that field prints them (%x hex, %o octal, %pS symbol+offset,
 * %ps symbol, %s a kernel string from printk formats); ARRAY[bytes]; strings.
 */
function rawTokenMismatch(f: FieldFormat, value: FieldValue | undefined, token: string, conversion: string | undefined, ctx: RawContext): string | undefined {
  if (f.kind === 'tail') return undefined // trace-cmd -R prints 0 for a zero-size field
  if (value === undefined) return `${f.name} missing (report: ${token})`
  // A marker's buf keeps the newline written to trace_marker; report drops it.
  const text = f.kind === 'tailString' && typeof value === 'string' ? value.replace(/\n$/, '') : value
  if (f.kind === 'string' || f.kind === 'dynString' || f.kind === 'tailString') return text === token ? undefined : `${f.name}: ${JSON.stringify(text)} vs ${JSON.stringify(token)}`
  if (Array.isArray(value)) {
    const bytes = (value as (number | bigint)[]).flatMap((v) => elementBytes(v, f.elementSize))
    const expected = `ARRAY[${bytes.join(', ')}]`
    return expected === token ? undefined : `${f.name}: ${expected} vs ${token}`
  }
  if (typeof value === 'string') return `${f.name}: unexpected string ${value}`
  const bits = (x: bigint) => BigInt.asUintN(f.size * 8, x)
  const ours = BigInt(value)
  const mismatch = `${f.name}: ${value} vs ${token} (${conversion ?? 'no conversion'})`
  const ok = (same: boolean) => (same ? undefined : mismatch)
  if (token === '(nil)') return ok(ours === 0n)
  if (/^0x[0-9a-fA-F]+$/.test(token)) return ok(bits(ours) === bits(BigInt(token)))
  // report applies a field's print fmt conversion only sometimes (not after every cast argument):
  // a decimal token is accepted as decimal too.
  if (/^-?\d+$/.test(token) && ours === BigInt(token)) return undefined
  if (conversion !== undefined && /[xX]$/.test(conversion) && /^[0-9a-fA-F]+$/.test(token)) return ok(bits(ours) === BigInt(`0x${token}`))
  if (conversion?.endsWith('o') && /^[0-7]+$/.test(token)) return ok(bits(ours) === BigInt(`0o${token}`))
  if (conversion === 's') return ok(ctx.printk?.get(bits(ours)) === token)
  // Symbols: %pS as name+0xoffset, %ps (and print's ip) as the name of the symbol holding the address.
  const symbol = ctx.kallsyms?.lookup(ours)
  return ok(symbol !== undefined && (token === symbol.name || token === `${symbol.name}+0x${symbol.offset.toString(16)}`))
}

/** The -R info column (`a=1 b=x ...` in format order) against the event's decoded fields. */
export function rawFieldsMismatch(e: TraceDatEvent, format: EventFormat, info: string, ctx: RawContext = {}): string | undefined {
  let rest = info
  const fields = format.fields
  const conversions = printFmtConversions(format.printFmt)
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!
    if (!rest.startsWith(`${f.name}=`)) return `expected "${f.name}=" at "${rest.slice(0, 40)}"`
    rest = rest.slice(f.name.length + 1)
    const next = fields[i + 1]
    const end = next === undefined ? rest.length : rest.indexOf(` ${next.name}=`)
    if (end < 0) return `no "${next!.name}=" after ${f.name}`
    const problem = rawTokenMismatch(f, e.fields[f.name], rest.slice(0, end), conversions.get(f.name), ctx)
    if (problem) return problem
    rest = rest.slice(end + 1)
  }
  return undefined
}

export interface CompareOptions {
  digits: 6 | 9
  /** raw: -R field values; formatted: formatLikeReport for the events it knows; none: columns only. */
  info: 'raw' | 'formatted' | 'none'
  formats?: Map<number, EventFormat>
  /** For fields report prints as symbols (print's ip, hrtimer functions, %pS call sites). */
  kallsyms?: Kallsyms
  /** For `const char *` fields report prints as the kernel string they point at, and bprint formats. */
  printk?: Map<bigint, string>
  /** The kernel's long size and byte order, for bprint arguments. */
  longSize?: number
  littleEndian?: boolean
  /** Event names whose formatted info is compared (formatted mode). */
  formattedNames?: ReadonlySet<string>
}

/** Every difference between our events and the report's, as readable lines (empty when equal). */
export function compareWithReport(ours: TraceDatEvent[], report: ReportLine[], opts: CompareOptions): string[] {
  const problems: string[] = []
  if (ours.length !== report.length) problems.push(`${ours.length} events read, ${report.length} in the report`)
  const n = Math.min(ours.length, report.length)
  for (let i = 0; i < n && problems.length < 20; i++) {
    const e = ours[i]!
    const r = report[i]!
    const comm = r.latency === undefined ? reportComm(e) : reportComm(e).slice(0, 8)
    const columns = [reportTime(e.ts, opts.digits), e.cpu, e.pid, comm, e.name].join(' ')
    const expected = [r.time, r.cpu, r.pid, r.comm, r.name].join(' ')
    if (columns !== expected) problems.push(`event ${i}: ${columns} vs report ${expected}`)
    if (r.latency !== undefined && formatLatencyFlags(e) !== r.latency) problems.push(`event ${i}: flags ${formatLatencyFlags(e)} vs ${r.latency}`)
    let problem: string | undefined
    if (opts.info === 'raw') {
      const format = opts.formats?.get(e.id)
      problem = format === undefined ? 'no format' : rawFieldsMismatch(e, format, r.info, opts)
    } else if (opts.info === 'formatted' && opts.formattedNames?.has(e.name)) {
      const ours = formatLikeReport(e, { symbolize: (a) => opts.kallsyms?.lookup(a), printk: opts.printk, longSize: opts.longSize, littleEndian: opts.littleEndian, formats: opts.formats })
      const theirs = r.info
      if (ours !== theirs) problem = `"${ours}" vs "${theirs}"`
    }
    if (problem) problems.push(`event ${i} (${e.name} at ${reportTime(e.ts, 9)}): ${problem}`)
  }
  return problems
}
