// A parsed piece as plain buffers in Arrow's own layouts, so a worker hands it to the main
// thread by transfer (no copy) and the assembler wraps the buffers without touching the rows,
// except to renumber dictionary and stack ids into the dataset's global ones.
import { DictColumn, NumberColumn, U64Column, Utf8Column, type ColumnBuilder } from './column-builders.js'
import type { PieceTables, PieceWarning, UnparsedLines } from './piece-tables.js'
import { summarizePiece, type PieceSummary } from './dataset-summary.js'
import type { ColumnType, TableName } from './schema.js'

export interface ColumnData {
  type: ColumnType
  /** ts/seq/i64: int64 little-endian as Int32 pairs; i32: Int32Array; f64: Float64Array;
   *  u64: Uint32 pairs; dict: Int32 indices into `dictionary`; utf8: bytes; bool: bits */
  values: Int32Array | Float64Array | Uint32Array | Uint8Array
  /** utf8 only */
  offsets: Int32Array | null
  /** Arrow validity bitmap, null when no row is null */
  validity: Uint8Array | null
  nullCount: number
  /** dict only: the piece-local dictionary */
  dictionary: string[] | null
}

export interface TableData {
  name: TableName
  rows: number
  columns: ColumnData[]
}

export interface PieceResult {
  tables: TableData[]
  /** callchain nodes: parent (-1 = root) and frame per node id */
  stackParents: Int32Array
  stackFrames: Int32Array
  eventNames: string[]
  eventCounts: number[]
  unparsed: UnparsedLines
  warnings: PieceWarning[]
  lines: number
  /** rows numbered by `seq` in this piece (seq runs from 0 to rows - 1) */
  rows: number
  /** computed where the piece was parsed, so the thread that joins pieces does not scan rows */
  summary: PieceSummary
}

function packBits(bytes: Uint8Array, n: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(n / 64) * 8)
  for (let i = 0; i < n; i++) if (bytes[i] !== 0) bits[i >> 3] |= 1 << (i & 7)
  return bits
}

/** Exact int64 from doubles holding integers below 2^53, written as (lo, hi) Int32 pairs. */
function int64Pairs(values: Float64Array, n: number): Int32Array {
  const out = new Int32Array(n * 2)
  for (let i = 0; i < n; i++) {
    const v = values[i]
    const hi = Math.floor(v / 4294967296)
    out[2 * i] = (v - hi * 4294967296) | 0
    out[2 * i + 1] = hi
  }
  return out
}

function columnData(c: ColumnBuilder): ColumnData {
  const n = c.length
  const v = c.validity
  const validity = v.nulls > 0 && v.bytes !== null ? packBits(v.bytes, n) : null
  const base = { type: c.spec.type, validity, nullCount: v.nulls, offsets: null, dictionary: null }
  if (c instanceof DictColumn) return { ...base, values: c.indices.slice(0, n), dictionary: c.dictionary.strings }
  if (c instanceof U64Column) return { ...base, values: c.halves.slice(0, 2 * n) }
  if (c instanceof Utf8Column) {
    const offsets = c.offsets.slice(0, n + 1)
    return { ...base, values: c.bytes.slice(0, offsets[n]), offsets }
  }
  const values = (c as NumberColumn).values
  switch (c.spec.type) {
    case 'ts':
    case 'seq':
    case 'i64': return { ...base, values: int64Pairs(values as Float64Array, n) }
    case 'bool': return { ...base, values: packBits(values as Uint8Array, n) }
    default: return { ...base, values: values.slice(0, n) }
  }
}

export function pieceResult(piece: PieceTables): PieceResult {
  const tables: TableData[] = []
  for (const t of piece.tables()) {
    const rows = t.length
    if (rows === 0) continue
    for (const c of t.list) {
      if (c.length !== rows) {
        throw new Error(`internal: ${t.name}.${c.spec.name} has ${c.length} rows, the table ${rows}`)
      }
    }
    tables.push({ name: t.name, rows, columns: t.list.map(columnData) })
  }
  const nodes = piece.stackNodes
  const result: Omit<PieceResult, 'summary'> = {
    tables,
    stackParents: nodes.parents.slice(0, nodes.length),
    stackFrames: nodes.frames.slice(0, nodes.length),
    eventNames: piece.eventNames.strings,
    eventCounts: Array.from(piece.eventCounts.subarray(0, piece.eventNames.size)),
    unparsed: piece.unparsed,
    warnings: piece.warnings,
    lines: piece.lines,
    rows: piece.rowCounter.next,
  }
  return { ...result, summary: summarizePiece(result) }
}

/** The buffers to list in postMessage's transfer list. */
export function transferList(r: PieceResult): ArrayBuffer[] {
  const out: ArrayBuffer[] = [r.stackParents.buffer as ArrayBuffer, r.stackFrames.buffer as ArrayBuffer]
  for (const t of r.tables) {
    for (const c of t.columns) {
      out.push(c.values.buffer as ArrayBuffer)
      if (c.offsets) out.push(c.offsets.buffer as ArrayBuffer)
      if (c.validity) out.push(c.validity.buffer as ArrayBuffer)
    }
  }
  return out
}

