// What `exotrace info` reports and meta.json records: rows per table, events per name, the
// time span, CPUs, threads, lost events, and the lines a parser did not understand.
import type { RecordBatch } from 'apache-arrow'
import type { PieceResult } from './piece-transfer.js'
import { FIRST_UNPARSED_KEPT } from './piece-tables.js'

export interface SummaryJson {
  events: number
  tables: Record<string, number>
  events_by_name: Record<string, number>
  lost: { records: number; events: number; unknown_count_records: number; by_cpu: Record<string, number> }
  unparsed: { count: number; first_lines: number[] }
  start_ns: number | null
  end_ns: number | null
  cpus: number[]
  tasks: number
}

export class DatasetSummary {
  readonly rows = new Map<string, number>()
  readonly eventsByName = new Map<string, number>()
  unparsedCount = 0
  readonly unparsedLines: number[] = []
  linesBefore = 0
  startNs = Infinity
  endNs = -Infinity
  readonly cpus = new Set<number>()
  readonly tids = new Set<number>()
  lostRecords = 0
  lostEvents = 0
  lostUnknown = 0
  readonly lostByCpu = new Map<number, number>()

  addPiece(piece: PieceResult): void {
    piece.eventNames.forEach((name, i) => this.eventsByName.set(name, (this.eventsByName.get(name) ?? 0) + piece.eventCounts[i]))
    this.unparsedCount += piece.unparsed.count
    for (const line of piece.unparsed.firstLines) {
      if (this.unparsedLines.length < FIRST_UNPARSED_KEPT) this.unparsedLines.push(this.linesBefore + line)
    }
    this.linesBefore += piece.lines
    for (const t of piece.tables) {
      const [ts, cpu, tid] = t.columns
      if (ts?.type !== 'ts') continue
      const pairs = ts.values as Int32Array
      for (let r = 0; r < t.rows; r++) {
        if (ts.validity !== null && ((ts.validity[r >> 3] >> (r & 7)) & 1) === 0) continue
        const v = pairs[2 * r + 1] * 4294967296 + (pairs[2 * r] >>> 0)
        if (v < this.startNs) this.startNs = v
        if (v > this.endNs) this.endNs = v
      }
      if (t.name === 'lost') this.addLost(t.rows, cpu.values as Int32Array, cpu.validity, t.columns[2])
      else {
        collect(this.cpus, cpu.values as Int32Array, cpu.validity, t.rows)
        if (tid?.type === 'i32') collect(this.tids, tid.values as Int32Array, tid.validity, t.rows)
      }
    }
  }

  private addLost(rows: number, cpu: Int32Array, cpuValid: Uint8Array | null, count: PieceResult['tables'][0]['columns'][0]): void {
    const pairs = count.values as Int32Array
    for (let r = 0; r < rows; r++) {
      this.lostRecords++
      const known = count.validity === null || ((count.validity[r >> 3] >> (r & 7)) & 1) === 1
      const n = known ? pairs[2 * r + 1] * 4294967296 + (pairs[2 * r] >>> 0) : 0
      if (!known) this.lostUnknown++
      this.lostEvents += n
      const c = cpuValid === null || ((cpuValid[r >> 3] >> (r & 7)) & 1) === 1 ? cpu[r] : -1
      this.lostByCpu.set(c, (this.lostByCpu.get(c) ?? 0) + n)
    }
  }

  addBatch(table: string, batch: RecordBatch): void {
    this.rows.set(table, (this.rows.get(table) ?? 0) + batch.numRows)
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
      start_ns: Number.isFinite(this.startNs) ? this.startNs : null,
      end_ns: Number.isFinite(this.endNs) ? this.endNs : null,
      cpus: [...this.cpus].sort((a, b) => a - b),
      tasks: this.tids.size,
    }
  }
}

function collect(into: Set<number>, values: Int32Array, validity: Uint8Array | null, rows: number): void {
  let last = NaN
  for (let r = 0; r < rows; r++) {
    if (validity !== null && ((validity[r >> 3] >> (r & 7)) & 1) === 0) continue
    if (values[r] !== last) into.add((last = values[r]))
  }
}
