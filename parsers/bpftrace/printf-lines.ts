// bpftrace printf output, one line at a time (from text output or `-f json` printf records):
// split by the user's columns, or as `key=value` tokens, into typed tables or `event`
// (FieldRowWriter decides). A line that fits neither is kept whole in `event` (bpftrace:printf).
import type { PieceTables } from '../../tables/piece-tables.js'
import { FieldRowWriter, type Field } from '../jsonl/field-row-writer.js'
import { timestampNs, type TimeUnit } from '../jsonl/timestamp-ns.js'
import { printfLayout, type PrintfLayout } from './printf-columns.js'

export const PRINTF_EVENT = 'bpftrace:printf'

const TS_KEY = /^ts(?:_(ns|us|ms|s))?$/

const isKeyStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f

/** text[start, end) is a key: a letter or _, then letters, digits, _ or dots. */
function isKey(text: string, start: number, end: number): boolean {
  if (!isKeyStart(text.charCodeAt(start))) return false
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i)
    if (!isKeyStart(c) && !(c >= 0x30 && c <= 0x39) && c !== 0x2e) return false
  }
  return true
}

/** A decimal integer (optional -) at text[start, end); NaN otherwise. */
function decimalIn(text: string, start: number, end: number): number {
  const negative = text.charCodeAt(start) === 0x2d
  let i = negative ? start + 1 : start
  if (i === end) return NaN
  let v = 0
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 0x30
    if (d < 0 || d > 9) return NaN
    v = v * 10 + d
  }
  return negative ? -v : v
}

export class PrintfLines {
  private readonly layout: PrintfLayout | null
  private readonly writer: FieldRowWriter
  private ts = NaN
  private cpu = NaN
  private tid = NaN
  private event: string | null = null
  private fields: Field[] = []

  constructor(out: PieceTables, columns: unknown, table: unknown) {
    this.layout = printfLayout(columns)
    this.writer = new FieldRowWriter(out, PRINTF_EVENT, table)
  }

  line(text: string, lineNo: number): void {
    this.ts = NaN
    this.cpu = NaN
    this.tid = NaN
    this.event = null
    this.fields = []
    const split = this.layout === null ? this.splitPairs(text) : this.splitColumns(this.layout, text)
    if (!split) this.fields = [{ name: null, value: text }]
    this.writer.write(this.ts, this.cpu, this.tid, this.event, this.fields, lineNo)
  }

  /**
   * `key=value` at text[start, end), eq at the `=`. ts (in ns), cpu and tid are read from the
   * digits in place: Number() of a slice would copy it first.
   */
  private takeText(text: string, start: number, eq: number, end: number): void {
    const keyLength = eq - start
    const c0 = text.charCodeAt(start)
    if (c0 === 0x74 && keyLength === 2 && text.charCodeAt(start + 1) === 0x73) {
      const ns = decimalIn(text, eq + 1, end)
      this.ts = Number.isNaN(ns) || end - eq > 16 ? timestampNs(text.slice(eq + 1, end), 'ns') : ns
    } else if (c0 === 0x63 && keyLength === 3 && text.startsWith('cpu', start)) this.cpu = decimalIn(text, eq + 1, end)
    else if (c0 === 0x74 && keyLength === 3 && text.startsWith('tid', start)) this.tid = decimalIn(text, eq + 1, end)
    else {
      const key = text.slice(start, eq)
      const ts = c0 === 0x74 ? TS_KEY.exec(key) : null
      if (ts !== null) this.take('ts', text.slice(eq + 1, end), (ts[1] ?? 'ns') as TimeUnit)
      else this.take(key, text.slice(eq + 1, end), 'ns', text.slice(start, end))
    }
  }

  /** raw: the token as printed, kept as is in args */
  private take(name: string, value: string, tsUnit: TimeUnit, raw?: string): void {
    if (name === 'ts') this.ts = timestampNs(value, tsUnit)
    else if (name === 'cpu') this.cpu = Number(value)
    else if (name === 'tid') this.tid = Number(value)
    else if (name === 'event') this.event = value
    else this.fields.push({ name, value, raw })
  }

  private splitColumns(layout: PrintfLayout, text: string): boolean {
    const values = layout.split(text)
    if (values === null) return false
    layout.columns.forEach((c, i) => {
      if (c.name !== '_') this.take(c.name, values[i], c.tsUnit)
    })
    return true
  }

  /** Tokens are runs of non-blanks (a hot loop: printf streams run to millions of lines). */
  private splitPairs(line: string): boolean {
    const text = line.includes('\t') ? line.replace(/\t/g, ' ') : line
    let pairs = 0
    let i = 0
    // the next `=` at or after i, found once per `=`, not once per token (long lines stay linear)
    let eq = -1
    while (i < text.length) {
      if (text.charCodeAt(i) === 0x20) {
        i++
        continue
      }
      let end = text.indexOf(' ', i)
      if (end < 0) end = text.length
      if (eq < i) {
        eq = text.indexOf('=', i)
        if (eq < 0) eq = Infinity
      }
      if (eq <= i || eq >= end || !isKey(text, i, eq)) {
        this.fields.push({ name: null, value: text.slice(i, end) })
        i = end
        continue
      }
      pairs++
      this.takeText(text, i, eq, end)
      i = end
    }
    if (pairs > 0) return true
    this.fields = []
    return false
  }
}
