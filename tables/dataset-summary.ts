// What `exotrace info` reports and meta.json records: rows per table, events per name, the
// time span, CPUs, threads, lost events, and the lines a parser did not understand.
import type { RecordBatch } from 'apache-arrow'
import type { ColumnData, PieceResult } from './piece-transfer.js'
import { FIRST_UNPARSED_KEPT } from './piece-tables.js'

export interface SummaryJson {
  events: number
  tables: Record<string, number>
  events_by_name: Record<string, number>
  lost: { records: number; events: number; unknown_count_records: number; by_cpu: Record<string, number> }
  unparsed: { count: number; first_lines: number[] }
  /** recoverable input problems, with their file line numbers (the first WARNINGS_KEPT) */
  warnings: { count: number; first: { line: number; message: string }[] }
  start_ns: number | null
  end_ns: number | null
  cpus: number[]
  per_cpu: { cpu: number; first_ns: number; last_ns: number; events: number; lost_events: number }[]
  /**
   * Where every CPU's events are all there: from the first event of the CPU whose events start
   * latest (a ring buffer in overwrite mode loses each CPU's oldest events) to the last event of
   * the CPU whose events end first. Null with no events.
   */
  complete_window: { start_ns: number; end_ns: number; lost_records_inside: number } | null
  tasks: number
}

export const WARNINGS_KEPT = 20

export class DatasetSummary {
  readonly rows = new Map<string, number>()
  readonly eventsByName = new Map<string, number>()
  unparsedCount = 0
  readonly unparsedLines: number[] = []
  warningCount = 0
  readonly warnings: { line: number; message: string }[] = []
  linesBefore = 0
  startNs = Infinity
  endNs = -Infinity
  readonly cpus = new Map<number, CpuSpan>()
  readonly tids = new Set<number>()
  lostRecords = 0
  lostEvents = 0
  lostUnknown = 0
  readonly lostByCpu = new Map<number, number>()

  add(p: PieceSummary): void {
    p.eventNames.forEach((name, i) => this.eventsByName.set(name, (this.eventsByName.get(name) ?? 0) + p.eventCounts[i]))
    this.unparsedCount += p.unparsed.count
    for (const line of p.unparsed.firstLines) {
      if (this.unparsedLines.length < FIRST_UNPARSED_KEPT) this.unparsedLines.push(this.linesBefore + line)
    }
    this.warningCount += p.warnings.length
    for (const w of p.warnings) {
      if (this.warnings.length < WARNINGS_KEPT) this.warnings.push({ line: this.linesBefore + w.line, message: w.message })
    }
    this.linesBefore += p.lines
    this.startNs = Math.min(this.startNs, p.startNs)
    this.endNs = Math.max(this.endNs, p.endNs)
    for (const [c, span] of p.cpus) {
      const known = this.cpus.get(c)
      if (known === undefined) this.cpus.set(c, { ...span })
      else Object.assign(known, { firstNs: Math.min(known.firstNs, span.firstNs), lastNs: Math.max(known.lastNs, span.lastNs), events: known.events + span.events })
    }
    for (const t of p.tids) this.tids.add(t)
    for (const l of p.lost) {
      if (l.tsNs !== null) this.lostTimes.push(l.tsNs)
      this.lostRecords++
      if (l.count === null) this.lostUnknown++
      this.lostEvents += l.count ?? 0
      this.lostByCpu.set(l.cpu ?? -1, (this.lostByCpu.get(l.cpu ?? -1) ?? 0) + (l.count ?? 0))
    }
  }

  addBatch(table: string, batch: RecordBatch): void {
    this.rows.set(table, (this.rows.get(table) ?? 0) + batch.numRows)
  }

  private readonly lostTimes: number[] = []

  private completeWindow(): SummaryJson['complete_window'] {
    if (this.cpus.size === 0) return null
    const spans = [...this.cpus.values()]
    const start = Math.max(...spans.map((x) => x.firstNs))
    const end = Math.min(...spans.map((x) => x.lastNs))
    return { start_ns: start, end_ns: end, lost_records_inside: this.lostTimes.filter((t) => t >= start && t <= end).length }
  }

  toJSON(): SummaryJson {
    let events = 0
    for (const n of this.eventsByName.values()) events += n
    return {
      events,
      tables: Object.fromEntries([...this.rows].sort()),
      events_by_name: Object.fromEntries([...this.eventsByName].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
      lost: {
        records: this.lostRecords, events: this.lostEvents, unknown_count_records: this.lostUnknown,
        by_cpu: Object.fromEntries([...this.lostByCpu].sort((a, b) => a[0] - b[0]).map(([c, n]) => [c < 0 ? 'unknown' : String(c), n])),
      },
      unparsed: { count: this.unparsedCount, first_lines: this.unparsedLines },
      warnings: { count: this.warningCount, first: this.warnings },
      start_ns: Number.isFinite(this.startNs) ? this.startNs : null,
      end_ns: Number.isFinite(this.endNs) ? this.endNs : null,
      cpus: [...this.cpus.keys()].sort((a, b) => a - b),
      per_cpu: [...this.cpus].sort((a, b) => a[0] - b[0]).map(([cpu, x]) => ({
        cpu, first_ns: x.firstNs, last_ns: x.lastNs, events: x.events, lost_events: this.lostByCpu.get(cpu) ?? 0,
      })),
      complete_window: this.completeWindow(),
      tasks: this.tids.size,
    }
  }
}

/** Rows (events, not counting lost records) a CPU recorded, and their time span. */
export interface CpuSpan {
  firstNs: number
  lastNs: number
  events: number
}

export interface LostRecord {
  tsNs: number | null
  cpu: number | null
  count: number | null
}

/** A piece's share of the summary: computed where the piece was parsed, merged in order. */
export interface PieceSummary {
  eventNames: string[]
  eventCounts: number[]
  unparsed: PieceResult['unparsed']
  warnings: PieceResult['warnings']
  lines: number
  startNs: number
  endNs: number
  cpus: [number, CpuSpan][]
  tids: number[]
  lost: LostRecord[]
}

function valid(c: ColumnData, r: number): boolean {
  return c.validity === null || ((c.validity[r >> 3] >> (r & 7)) & 1) === 1
}

function int64At(c: ColumnData, r: number): number {
  const pairs = c.values as Int32Array
  return pairs[2 * r + 1] * 4294967296 + (pairs[2 * r] >>> 0)
}

export function summarizePiece(piece: Omit<PieceResult, 'summary'>): PieceSummary {
  let startNs = Infinity
  let endNs = -Infinity
  const cpus = new Map<number, CpuSpan>()
  const tids = new Set<number>()
  const lost: LostRecord[] = []
  for (const t of piece.tables) {
    const [ts, cpu, tid] = t.columns
    if (ts?.type !== 'ts') continue
    const cpuOf = cpu.values as Int32Array
    for (let r = 0; r < t.rows; r++) {
      if (!valid(ts, r)) continue
      const v = int64At(ts, r)
      if (v < startNs) startNs = v
      if (v > endNs) endNs = v
      if (t.name === 'lost' || !valid(cpu, r)) continue
      const span = cpus.get(cpuOf[r])
      if (span === undefined) cpus.set(cpuOf[r], { firstNs: v, lastNs: v, events: 1 })
      else {
        if (v < span.firstNs) span.firstNs = v
        if (v > span.lastNs) span.lastNs = v
        span.events++
      }
    }
    if (t.name === 'lost') {
      for (let r = 0; r < t.rows; r++) {
        lost.push({
          tsNs: valid(ts, r) ? int64At(ts, r) : null,
          cpu: valid(cpu, r) ? (cpu.values as Int32Array)[r] : null,
          count: valid(t.columns[2], r) ? int64At(t.columns[2], r) : null,
        })
      }
      continue
    }
    if (tid?.type === 'i32') collect(tids, tid.values as Int32Array, tid.validity, t.rows)
  }
  return {
    eventNames: piece.eventNames, eventCounts: piece.eventCounts, unparsed: piece.unparsed, warnings: piece.warnings, lines: piece.lines,
    startNs, endNs, cpus: [...cpus], tids: [...tids], lost,
  }
}

function collect(into: Set<number>, values: Int32Array, validity: Uint8Array | null, rows: number): void {
  let last = NaN
  for (let r = 0; r < rows; r++) {
    if (validity !== null && ((validity[r >> 3] >> (r & 7)) & 1) === 0) continue
    if (values[r] !== last) into.add((last = values[r]))
  }
}
