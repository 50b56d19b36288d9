// The canonical tables as Arrow schemas, and the wrapping of piece buffers as Arrow Data
// (zero-copy: makeData over the typed arrays; FINDINGS.md: Builders cost ~30 ns a value).
import {
  Bool, Data, Dictionary, Field, Float64, Int32, Int64, makeData, Schema, TimestampNanosecond, Uint64, Utf8, Vector,
  type DataType,
} from 'apache-arrow'
import type { ColumnData } from './piece-transfer.js'
import { TABLES, type ColumnSpec, type ColumnType, type TableName } from './schema.js'

/** Dictionary ids are unique per dataset file; one per dict column, in column order. */
function arrowType(type: ColumnType, dictId: number): DataType {
  switch (type) {
    case 'ts': return new TimestampNanosecond()
    case 'i32': return new Int32()
    case 'seq':
    case 'i64': return new Int64()
    case 'u64': return new Uint64()
    case 'f64': return new Float64()
    case 'bool': return new Bool()
    case 'utf8': return new Utf8()
    case 'dict': return new Dictionary(new Utf8(), new Int32(), dictId)
  }
}

const schemas = new Map<TableName, Schema>()

export function tableSchema(name: TableName): Schema {
  let s = schemas.get(name)
  if (s === undefined) {
    const specs = TABLES[name] as readonly ColumnSpec[]
    s = new Schema(specs.map((c, i) => new Field(c.name, arrowType(c.type, i), c.nullable,
      c.doc ? new Map([['doc', c.doc]]) : undefined)))
    schemas.set(name, s)
  }
  return s
}

/** Wraps one column's buffers; `dictionary` is the dataset-global dictionary for dict columns. */
export function columnToArrow(field: Field, c: ColumnData, rows: number, dictionary: Vector<Utf8> | null): Data {
  const common = { type: field.type, length: rows, nullCount: c.nullCount, nullBitmap: c.validity ?? undefined }
  const v = c.values
  switch (c.type) {
    case 'ts':
    case 'seq':
    case 'i64':
      return makeData({ ...common, data: new BigInt64Array(v.buffer, v.byteOffset, rows) })
    case 'u64':
      return makeData({ ...common, data: new BigUint64Array(v.buffer, v.byteOffset, rows) })
    case 'utf8':
      return makeData({ ...common, valueOffsets: c.offsets!, data: v as Uint8Array })
    case 'dict':
      return makeData({ ...common, data: v as Int32Array, dictionary: dictionary! })
    default:
      return makeData({ ...common, data: v })
  }
}
