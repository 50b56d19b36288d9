// bpftrace printf output, one line at a time (from text output or `-f json` printf records):
// split by the user's columns, or as `key=value` tokens, into typed tables or `event`
// (FieldRowWriter decides). A line that fits neither is kept whole in `event` (bpftrace:printf).
import type { PieceTables } from '../../tables/piece-tables.js'
import type { TableName } from '../../tables/schema.js'
import { FieldRowWriter, type Field } from '../jsonl/field-row-writer.js'
import { timestampNs, type TimeUnit } from '../jsonl/timestamp-ns.js'
import { printfLayout, type PrintfLayout } from './printf-columns.js'

export const PRINTF_EVENT = 'bpftrace:printf'

const PAIR = /^([A-Za-z_][\w.]*)=(.*)$/
const TS_KEY = /^ts(?:_(ns|us|ms|s))?$/

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

  private take(name: string, value: string, tsUnit: TimeUnit): void {
    if (name === 'ts') this.ts = timestampNs(value, tsUnit)
    else if (name === 'cpu') this.cpu = Number(value)
    else if (name === 'tid') this.tid = Number(value)
    else if (name === 'event') this.event = value
    else this.fields.push({ name, value })
  }

  private splitColumns(layout: PrintfLayout, text: string): boolean {
    const values = layout.split(text)
    if (values === null) return false
    layout.columns.forEach((c, i) => {
      if (c.name !== '_') this.take(c.name, values[i], c.tsUnit)
    })
    return true
  }

  private splitPairs(text: string): boolean {
    let pairs = 0
    for (const token of text.split(/\s+/)) {
      if (token === '') continue
      const m = PAIR.exec(token)
      if (m === null) {
        this.fields.push({ name: null, value: token })
        continue
      }
      pairs++
      const ts = TS_KEY.exec(m[1])
      if (ts !== null) this.take('ts', m[2], (ts[1] ?? 'ns') as TimeUnit)
      else this.take(m[1], m[2], 'ns')
    }
    if (pairs > 0) return true
    this.fields = []
    return false
  }
}
