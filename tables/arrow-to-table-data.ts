// A record batch read back from a dataset, in the piece-transfer layouts analyses read
// (zero-copy views, except the dictionary strings).
import type { Data, RecordBatch, Vector } from 'apache-arrow'
import type { ColumnData, TableData } from './piece-transfer.js'
import { TABLES, type ColumnSpec, type TableName } from './schema.js'

const dictionaryStrings = new WeakMap<Vector, string[]>()

function strings(v: Vector): string[] {
  let s = dictionaryStrings.get(v)
  if (s === undefined) dictionaryStrings.set(v, (s = v.toArray() as string[]))
  return s
}

function columnOf(spec: ColumnSpec, d: Data): ColumnData {
  const validity = d.nullCount > 0 ? d.nullBitmap! : null
  const base = { type: spec.type, validity, nullCount: d.nullCount, offsets: null, dictionary: null }
  const v = d.values as ArrayBufferView
  switch (spec.type) {
    case 'ts':
    case 'seq':
    case 'i64': return { ...base, values: new Int32Array(v.buffer, v.byteOffset, d.length * 2) }
    case 'u64': return { ...base, values: new Uint32Array(v.buffer, v.byteOffset, d.length * 2) }
    case 'utf8': return { ...base, values: d.values as Uint8Array, offsets: (d.valueOffsets as Int32Array).subarray(0, d.length + 1) }
    // Arrow pads buffers to 8 bytes: views end at the last row, so a column's length is its row count.
    case 'dict': return { ...base, values: (d.values as Int32Array).subarray(0, d.length), dictionary: strings(d.dictionary!) }
    case 'bool': return { ...base, values: d.values as Uint8Array }
    default: return { ...base, values: (d.values as Int32Array | Float64Array).subarray(0, d.length) }
  }
}

export function tableDataOf(name: TableName, batch: RecordBatch): TableData {
  const specs = TABLES[name] as readonly ColumnSpec[]
  return {
    name,
    rows: batch.numRows,
    columns: specs.map((spec, i) => columnOf(spec, batch.data.children[i])),
  }
}
