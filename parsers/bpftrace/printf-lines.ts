// bpftrace printf output, one line at a time (from text output or `-f json` printf records):
// split by the user's columns, or as `key=value` tokens, into typed tables or `event`
// (FieldRowWriter decides). A line that fits neither is kept whole in `event` (bpftrace:printf).
import type { PieceTables } from '../../tables/piece-tables.js'
import type { TableName } from '../../tables/schema.js'
import { FieldRowWriter, type Field } from '../jsonl/field-row-writer.js'
import { timestampNs, type TimeUnit } from '../jsonl/timestamp-ns.js'
import { printfLayout, type PrintfLayout } from './printf-columns.js'

export const PRINTF_EVENT = 'bpftrace:printf'

const TS_KEY = /^ts(?:_(ns|us|ms|s))?$/

const isBlank = (c: number): boolean => c === 0x20 || c === 0x09
const isKeyStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f
const isKeyChar = (c: number): boolean => isKeyStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e

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
    this.writer = new FieldRowWriter(out, PRINTF_EVENT, (table as TableName | undefined) ?? null)
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
  private splitPairs(text: string): boolean {
    let pairs = 0
    let i = 0
    while (i < text.length) {
      while (i < text.length && isBlank(text.charCodeAt(i))) i++
      if (i === text.length) break
      const start = i
      // a key: a letter or _, then word characters or dots, up to the first =
      let eq = isKeyStart(text.charCodeAt(i)) ? -1 : -2
      while (i < text.length) {
        const c = text.charCodeAt(i)
        if (isBlank(c)) break
        if (eq === -1 && c === 0x3d) eq = i
        else if (eq === -1 && !isKeyChar(c)) eq = -2
        i++
      }
      if (eq < 0) {
        this.fields.push({ name: null, value: text.slice(start, i) })
        continue
      }
      pairs++
      const key = text.slice(start, eq)
      const value = text.slice(eq + 1, i)
      if (key.charCodeAt(0) === 0x74 && TS_KEY.test(key)) this.take('ts', value, (key.length > 2 ? key.slice(3) : 'ns') as TimeUnit)
      else this.take(key, value, 'ns', text.slice(start, i))
    }
    if (pairs > 0) return true
    this.fields = []
    return false
  }
}
