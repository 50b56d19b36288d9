// What an analysis sees: a segment, i.e. the rows of the canonical tables that one contiguous
// range of the input produced, in the buffer layouts of tables/piece-transfer.ts. Dictionary
// indices and stack ids are local to the segment: compare strings, never ids, across segments.
import type { ColumnData, TableData } from '../tables/piece-transfer.js'
import { TABLES, type ColumnName, type TableName } from '../tables/schema.js'

export interface Segment {
  tables: Partial<Record<TableName, TableData>>
  /** callchain nodes of this segment: parent (-1 = root) and `frame` row per node id */
  stackParents: Int32Array
  stackFrames: Int32Array
}

export function rowsOf(s: Segment, table: TableName): number {
  return s.tables[table]?.rows ?? 0
}

function column<T extends TableName>(t: TableData, name: ColumnName<T>): ColumnData {
  const i = (TABLES[t.name] as readonly { name: string }[]).findIndex((c) => c.name === name)
  if (i < 0) throw new Error(`internal: ${t.name} has no column ${name}`)
  return t.columns[i]
}

export function isValidAt(c: ColumnData, r: number): boolean {
  return c.validity === null || ((c.validity[r >> 3] >> (r & 7)) & 1) === 1
}

/** An int64 column (ts, i64) as doubles: exact below 2^53 (104 days of ns). Nulls read as NaN. */
export function int64Column<T extends TableName>(t: TableData, name: ColumnName<T>): Float64Array {
  const c = column(t, name)
  const pairs = c.values as Int32Array
  const out = new Float64Array(t.rows)
  for (let r = 0; r < t.rows; r++) {
    out[r] = isValidAt(c, r) ? pairs[2 * r + 1] * 4294967296 + (pairs[2 * r] >>> 0) : NaN
  }
  return out
}

/** An i32 column; nulls read as `nullAs` (default -1). */
export function int32Column<T extends TableName>(t: TableData, name: ColumnName<T>, nullAs = -1): Int32Array {
  const c = column(t, name)
  const v = c.values as Int32Array
  if (c.validity === null) return v
  const out = v.slice()
  for (let r = 0; r < t.rows; r++) if (!isValidAt(c, r)) out[r] = nullAs
  return out
}

export function float64Column<T extends TableName>(t: TableData, name: ColumnName<T>): Float64Array {
  return column(t, name).values as Float64Array
}

/** A u64 column (pointers) as hex strings keyed exactly; null as ''. */
export function u64KeyColumn<T extends TableName>(t: TableData, name: ColumnName<T>): string[] {
  const c = column(t, name)
  const halves = c.values as Uint32Array
  const out: string[] = new Array(t.rows)
  for (let r = 0; r < t.rows; r++) {
    out[r] = isValidAt(c, r) ? `${halves[2 * r + 1].toString(16)}:${halves[2 * r].toString(16)}` : ''
  }
  return out
}

/** A dictionary column: per-row ids into `strings`; null rows get id -1. */
export function dictColumn<T extends TableName>(t: TableData, name: ColumnName<T>): { ids: Int32Array; strings: string[] } {
  const c = column(t, name)
  const ids = c.validity === null ? (c.values as Int32Array) : (c.values as Int32Array).slice()
  if (c.validity !== null) for (let r = 0; r < t.rows; r++) if (!isValidAt(c, r)) ids[r] = -1
  return { ids, strings: c.dictionary ?? [] }
}

/** A free-text column as strings (null as null). */
export function utf8Column<T extends TableName>(t: TableData, name: ColumnName<T>): (string | null)[] {
  const c = column(t, name)
  const dec = new TextDecoder()
  const bytes = c.values as Uint8Array
  const out: (string | null)[] = new Array(t.rows)
  for (let r = 0; r < t.rows; r++) out[r] = isValidAt(c, r) ? dec.decode(bytes.subarray(c.offsets![r], c.offsets![r + 1])) : null
  return out
}
