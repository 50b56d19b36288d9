// The rows of several tables of a segment in input order (by `seq`): how an analysis walks
// wakeups and switches together, even when both carry the same microsecond timestamp.
import type { TableData } from '../tables/piece-transfer.js'
import { int64Column } from './segment.js'

export interface RowOrder {
  /** index into the tables given, per step */
  table: Uint8Array
  /** row within that table, per step */
  row: Int32Array
}

export function rowsBySeq(tables: (TableData | undefined)[]): RowOrder {
  const seqs = tables.map((t) => (t === undefined ? new Float64Array(0) : int64Column(t, 'seq' as never)))
  const total = seqs.reduce((n, s) => n + s.length, 0)
  const order: RowOrder = { table: new Uint8Array(total), row: new Int32Array(total) }
  const at = new Int32Array(tables.length)
  for (let k = 0; k < total; k++) {
    let best = -1
    for (let t = 0; t < seqs.length; t++) {
      if (at[t] < seqs[t].length && (best < 0 || seqs[t][at[t]] < seqs[best][at[best]])) best = t
    }
    order.table[k] = best
    order.row[k] = at[best]++
  }
  return order
}
