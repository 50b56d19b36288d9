// Joins pieces, in input order, into one dataset: piece-local dictionary indices, frame ids
// and stack node ids become global ones, so the output does not depend on how the input was
// cut or how many workers parsed it. Produces Arrow record batches and the running summary.
import { Data, makeData, RecordBatch, Struct, Utf8, Vector, vectorFromArray, type Field } from 'apache-arrow'
import { columnToArrow, tableSchema } from './arrow-schema.js'
import { DatasetSummary } from './dataset-summary.js'
import type { ColumnData, PieceResult, TableData } from './piece-transfer.js'
import { TABLE_NAMES, type TableName } from './schema.js'
import { StackNodeInterner } from './stack-tree-builder.js'
import { selectRows } from './select-rows.js'

class GlobalDictionary {
  private readonly ids = new Map<string, number>()
  // Starts with an empty chunk, so that every later chunk is a delta of the same dictionary
  // (an IPC file may not replace a dictionary; apache-arrow writes new chunks as deltas).
  private readonly chunks: Data<Utf8>[] = [vectorFromArray([] as string[], new Utf8()).data[0]]
  vector: Vector<Utf8> = new Vector(this.chunks.slice())

  /** Renumbers `indices` in place from the piece dictionary to this one. */
  remap(local: string[], indices: Int32Array, validity: Uint8Array | null): void {
    const toGlobal = new Int32Array(local.length)
    const fresh: string[] = []
    for (let i = 0; i < local.length; i++) {
      let id = this.ids.get(local[i])
      if (id === undefined) {
        id = this.ids.size
        this.ids.set(local[i], id)
        fresh.push(local[i])
      }
      toGlobal[i] = id
    }
    for (let r = 0; r < indices.length; r++) {
      if (validity === null || (validity[r >> 3] >> (r & 7)) & 1) indices[r] = toGlobal[indices[r]]
    }
    if (fresh.length > 0) {
      // A new chunk, not a new vector over copied strings: the IPC writer then emits a delta.
      this.chunks.push(vectorFromArray(fresh, new Utf8()).data[0])
      this.vector = new Vector(this.chunks.slice())
    }
  }
}

export interface AssembledBatch {
  table: TableName
  batch: RecordBatch
}

export class DatasetAssembler {
  private readonly dictionaries = new Map<string, GlobalDictionary>()
  private readonly frameIds = new Map<string, number>()
  private readonly nodes = new StackNodeInterner()
  private readonly lastTask = new Map<number, string>()
  readonly summary = new DatasetSummary()
  /** Per piece, the tables it added a batch to (one batch each): how a dataset is re-cut into segments. */
  readonly segments: TableName[][] = []
  private rowsBefore = 0

  add(piece: PieceResult): AssembledBatch[] {
    const tables = new Map(piece.tables.map((t) => [t.name, t]))
    const frameGlobal = this.remapFrames(tables.get('frame'))
    tables.delete('frame')
    const newFrames = frameGlobal.fresh
    const { nodeGlobal, stackTable } = this.remapStacks(piece, frameGlobal.ids)
    const out: AssembledBatch[] = []
    if (newFrames !== null) out.push(this.toArrow(newFrames))
    if (stackTable !== null) out.push(this.toArrow(stackTable))
    // In the schema's order: a worker's tables come in the order it first met them, which
    // depends on the pieces it parsed before (meta.json must not depend on the worker count).
    for (const name of TABLE_NAMES) {
      let t = tables.get(name)
      if (t === undefined) continue
      remapStackIds(t, nodeGlobal)
      offsetSeq(t, this.rowsBefore, piece.rows)
      if (t.name === 'task') t = this.dropRepeatedTasks(t)
      if (t.rows > 0) out.push(this.toArrow(t))
    }
    this.summary.add(piece.summary)
    this.segments.push(out.map((b) => b.table))
    this.rowsBefore += piece.rows
    for (const b of out) this.summary.addBatch(b.table, b.batch)
    return out
  }

  private dictionary(table: string, column: string): GlobalDictionary {
    const key = `${table}.${column}`
    let d = this.dictionaries.get(key)
    if (d === undefined) this.dictionaries.set(key, (d = new GlobalDictionary()))
    return d
  }

  private toArrow(t: TableData): AssembledBatch {
    const schema = tableSchema(t.name)
    const children = t.columns.map((c, i) => {
      const field = schema.fields[i] as Field
      let dict: Vector<Utf8> | null = null
      if (c.type === 'dict') {
        const g = this.dictionary(t.name, field.name)
        g.remap(c.dictionary!, c.values as Int32Array, c.validity)
        dict = g.vector
      }
      return columnToArrow(field, c, t.rows, dict)
    })
    const data = makeData({ type: new Struct(schema.fields), length: t.rows, nullCount: 0, children })
    return { table: t.name, batch: new RecordBatch(schema, data) }
  }

  /** Global frame id per piece frame; the frames first seen in this piece, renumbered. */
  private remapFrames(frames: TableData | undefined): { ids: Int32Array; fresh: TableData | null } {
    if (frames === undefined) return { ids: new Int32Array(0), fresh: null }
    const [, addr, symbol, offset, dso, inlined] = frames.columns
    const ids = new Int32Array(frames.rows)
    const keep: number[] = []
    const a = addr.values as Uint32Array
    const o = offset.values as Int32Array
    for (let r = 0; r < frames.rows; r++) {
      const key = `${isNull(addr, r) ? '-' : `${a[2 * r]}.${a[2 * r + 1]}`}|${symbol.dictionary![(symbol.values as Int32Array)[r]]}` +
        `|${isNull(offset, r) ? '-' : `${o[2 * r]}.${o[2 * r + 1]}`}|${isNull(dso, r) ? '\0' : dso.dictionary![(dso.values as Int32Array)[r]]}` +
        `|${(inlined.values[r >> 3] >> (r & 7)) & 1}`
      let id = this.frameIds.get(key)
      if (id === undefined) {
        id = this.frameIds.size
        this.frameIds.set(key, id)
        keep.push(r)
      }
      ids[r] = id
    }
    if (keep.length === 0) return { ids, fresh: null }
    const fresh = selectRows(frames, keep)
    const idCol = fresh.columns[0].values as Int32Array
    for (let i = 0; i < keep.length; i++) idCol[i] = ids[keep[i]]
    return { ids, fresh }
  }

  private remapStacks(piece: PieceResult, frameIds: Int32Array): { nodeGlobal: Int32Array; stackTable: TableData | null } {
    const n = piece.stackParents.length
    const nodeGlobal = new Int32Array(n)
    const fresh: number[] = []
    for (let i = 0; i < n; i++) {
      const p = piece.stackParents[i]
      const before = this.nodes.length
      const id = this.nodes.intern(p < 0 ? -1 : nodeGlobal[p], frameIds[piece.stackFrames[i]])
      if (id === before) fresh.push(id)
      nodeGlobal[i] = id
    }
    if (fresh.length === 0) return { nodeGlobal, stackTable: null }
    const ids = Int32Array.from(fresh)
    const parents = ids.map((id) => this.nodes.parents[id])
    const frames = ids.map((id) => this.nodes.frames[id])
    const parentNull = parents.some((p) => p < 0)
    const column = (values: Int32Array, validity: Uint8Array | null, nullCount: number): ColumnData =>
      ({ type: 'i32', values, offsets: null, validity, nullCount, dictionary: null })
    let validity: Uint8Array | null = null
    let nullCount = 0
    if (parentNull) {
      validity = new Uint8Array(Math.ceil(ids.length / 64) * 8)
      parents.forEach((p, i) => { if (p >= 0) validity![i >> 3] |= 1 << (i & 7); else nullCount++ })
    }
    return {
      nodeGlobal,
      stackTable: { name: 'stack', rows: ids.length, columns: [column(ids, null, 0), column(parents, validity, nullCount), column(frames, null, 0)] },
    }
  }

  /** Pieces report each thread when they first see it; keep only what changes the global picture. */
  private dropRepeatedTasks(t: TableData): TableData {
    const tid = t.columns[2].values as Int32Array
    const pid = t.columns[3]
    const comm = t.columns[4]
    const change = t.columns[5]
    const keep: number[] = []
    for (let r = 0; r < t.rows; r++) {
      const what = change.dictionary![(change.values as Int32Array)[r]]
      const state = `${isNull(pid, r) ? '' : (pid.values as Int32Array)[r]}|${comm.dictionary![(comm.values as Int32Array)[r]]}`
      if (what !== 'seen' || this.lastTask.get(tid[r]) !== state) keep.push(r)
      this.lastTask.set(tid[r], state)
    }
    return keep.length === t.rows ? t : selectRows(t, keep)
  }
}

function isNull(c: ColumnData, r: number): boolean {
  return c.validity !== null && ((c.validity[r >> 3] >> (r & 7)) & 1) === 0
}

/** Piece-local input order to dataset order (int64 as Int32 pairs, exact below 2^53). */
function offsetSeq(t: TableData, rowsBefore: number, pieceRows: number): void {
  const c = t.columns.find((x) => x.type === 'seq')
  if (c === undefined || rowsBefore === 0) return
  const pairs = c.values as Int32Array
  if (rowsBefore + pieceRows < 2 ** 31) {
    // Below 2^31 events the high halves stay 0: add to the low halves only.
    for (let r = 0; r < t.rows; r++) pairs[2 * r] += rowsBefore
    return
  }
  for (let r = 0; r < t.rows; r++) {
    const v = pairs[2 * r + 1] * 4294967296 + (pairs[2 * r] >>> 0) + rowsBefore
    const hi = Math.floor(v / 4294967296)
    pairs[2 * r] = (v - hi * 4294967296) | 0
    pairs[2 * r + 1] = hi
  }
}

function remapStackIds(t: TableData, nodeGlobal: Int32Array): void {
  const specIndex = tableSchema(t.name).fields.findIndex((f) => f.name === 'stack_id')
  if (specIndex < 0) return
  const c = t.columns[specIndex]
  const v = c.values as Int32Array
  for (let r = 0; r < t.rows; r++) if (!isNull(c, r)) v[r] = nodeGlobal[v[r]]
}
