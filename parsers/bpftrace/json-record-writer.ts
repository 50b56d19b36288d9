// One parsed `-f json` record into the tables. Types (bpftrace 0.17, and later ones seen in
// bpftrace's tests): attached_probes, printf, time, lost_events, map, stats (avg() maps as
// numbers, stats() maps as {count, average, total}), hist (hist and lhist alike: buckets as
// {min, max, count}, keyed maps as {key: [buckets]}); value, syscall, join, helper_error and
// tseries are kept in `event` as JSON. Any other type is a warning.
import type { ParserOptions } from '../parser.js'
import type { PieceTables } from '../../tables/piece-tables.js'
import type { FieldValue } from '../jsonl/field-row-writer.js'
import { noteWarning } from '../jsonl/parse-warning.js'
import { jsonBucketBounds } from './histogram-bucket-bounds.js'
import { HistogramRows } from './histogram-rows.js'
import { histogramUnitOf } from './histogram-unit.js'
import { MapEntryWriter } from './map-entry-writer.js'
import { TIME_EVENT, writeAttachedProbes, writeLost, writeNotice } from './notice-rows.js'
import { PrintfLines } from './printf-lines.js'

type Json = Record<string, unknown>

const KEPT_AS_EVENT = new Set(['value', 'syscall', 'join', 'helper_error', 'tseries'])

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

function isStats(v: unknown): v is { count: number, average: number, total: number } {
  return isObject(v) && typeof v.count === 'number' && typeof v.average === 'number' && typeof v.total === 'number'
}

export class JsonRecordWriter {
  private readonly maps: MapEntryWriter
  private readonly histogram: HistogramRows
  private readonly printf: PrintfLines
  /** printf output not ended by a newline yet (bpftrace sends what each printf() printed) */
  private pendingPrintf = ''
  private pendingLine = 0

  constructor(private readonly out: PieceTables, options: ParserOptions) {
    this.maps = new MapEntryWriter(out)
    this.histogram = new HistogramRows(out, histogramUnitOf(options.unit))
    this.printf = new PrintfLines(out, options.columns, options.table)
  }

  record(record: unknown, line: number): void {
    if (!isObject(record) || typeof record.type !== 'string') return noteWarning(this.out, line, 'JSON record without a "type"; skipped')
    const data = record.data
    switch (record.type) {
      case 'attached_probes':
        if (isObject(data) && typeof data.probes === 'number') return writeAttachedProbes(this.out, data.probes)
        break
      case 'printf':
        if (typeof data === 'string') return this.printfText(data, line)
        break
      case 'time':
        if (typeof data === 'string') return writeNotice(this.out, TIME_EVENT, data.trim())
        break
      case 'lost_events':
        if (isObject(data) && typeof data.events === 'number') return writeLost(this.out, data.events)
        break
      case 'map':
      case 'stats':
        if (isObject(data)) return this.mapRecord(data, record.type === 'stats')
        break
      case 'hist':
        if (isObject(data)) return this.histRecord(data, line)
        break
      default: {
        if (!KEPT_AS_EVENT.has(record.type)) return noteWarning(this.out, line, `unknown bpftrace message type "${record.type}"; skipped`)
        const { type, ...rest } = record
        return writeNotice(this.out, `bpftrace:${type}`, JSON.stringify('data' in rest ? rest.data : rest))
      }
    }
    noteWarning(this.out, line, `bpftrace "${record.type}" record without the data it should carry; skipped`)
  }

  /** At the end of the piece: a printf line left without its newline, empty map keys. */
  end(lastLine: number): void {
    if (this.pendingPrintf.trim() !== '') this.printf.line(this.pendingPrintf, this.pendingLine || lastLine)
    this.pendingPrintf = ''
    this.maps.end()
  }

  private printfText(data: string, line: number): void {
    const text = this.pendingPrintf + data
    if (this.pendingPrintf === '') this.pendingLine = line
    const lines = text.split('\n')
    this.pendingPrintf = lines.pop() as string
    for (const l of lines) if (l !== '') this.printf.line(l, this.pendingLine)
    this.pendingLine = line
  }

  private mapRecord(data: Json, avgMaps: boolean): void {
    for (const name in data) {
      const entries = data[name]
      if (typeof entries === 'number') this.maps.number(name, '', entries, avgMaps ? 'avg' : 'value', false)
      else if (isStats(entries)) this.maps.stats(name, '', entries.count, entries.average, entries.total)
      else if (!isObject(entries)) this.maps.other(name, '', entries as FieldValue)
      else {
        for (const key in entries) {
          const v = entries[key]
          if (typeof v === 'number') this.maps.number(name, key, v, avgMaps ? 'avg' : 'value', true)
          else if (isStats(v)) this.maps.stats(name, key, v.count, v.average, v.total)
          else this.maps.other(name, key, v as FieldValue)
        }
      }
    }
  }

  private histRecord(data: Json, line: number): void {
    for (const name in data) {
      const h = data[name]
      if (Array.isArray(h)) this.buckets(name, '', h, line)
      else if (isObject(h)) for (const key in h) this.buckets(name, key, h[key], line)
      else noteWarning(this.out, line, `histogram ${name}: neither buckets nor keyed buckets; skipped`)
    }
  }

  private buckets(name: string, key: string, buckets: unknown, line: number): void {
    this.histogram.begin(name, this.maps.keyLabel(key))
    if (!Array.isArray(buckets)) return noteWarning(this.out, line, `histogram ${name}[${key}]: buckets are not an array; skipped`)
    for (const b of buckets) {
      const bounds = isObject(b) && typeof b.count === 'number' ? jsonBucketBounds(b) : null
      if (bounds === null) noteWarning(this.out, line, `histogram ${name}: bucket ${JSON.stringify(b)} not understood; skipped`)
      else this.histogram.add(bounds, (b as { count: number }).count, line)
    }
  }
}
