// Several batches of one table as one, in the piece-transfer layouts. Dictionary columns take
// the last batch's dictionary: a dataset's dictionaries only grow (deltas), so it covers all.
import type { ColumnData, TableData } from './piece-transfer.js'

function bit(bits: Uint8Array | null, i: number): boolean {
  return bits === null || ((bits[i >> 3] >> (i & 7)) & 1) === 1
}

function concatColumn(parts: ColumnData[], rows: number[]): ColumnData {
  const first = parts[0]
  const total = rows.reduce((a, b) => a + b, 0)
  const nullCount = parts.reduce((n, p) => n + p.nullCount, 0)
  let validity: Uint8Array | null = null
  if (nullCount > 0) {
    validity = new Uint8Array(Math.ceil(total / 64) * 8)
    let at = 0
    parts.forEach((p, k) => {
      for (let r = 0; r < rows[k]; r++, at++) if (bit(p.validity, r)) validity![at >> 3] |= 1 << (at & 7)
    })
  }
  const base = { type: first.type, validity, nullCount, offsets: null, dictionary: parts[parts.length - 1].dictionary }
  if (first.type === 'bool') {
    const values = new Uint8Array(Math.ceil(total / 64) * 8)
    let at = 0
    parts.forEach((p, k) => {
      for (let r = 0; r < rows[k]; r++, at++) if (bit(p.values as Uint8Array, r)) values[at >> 3] |= 1 << (at & 7)
    })
    return { ...base, values }
  }
  if (first.type === 'utf8') {
    const offsets = new Int32Array(total + 1)
    let at = 0
    parts.forEach((p, k) => {
      const base0 = offsets[at]
      for (let r = 1; r <= rows[k]; r++) offsets[at + r] = base0 + p.offsets![r] - p.offsets![0]
      at += rows[k]
    })
    return { ...base, offsets, values: Buffer.concat(parts.map((p, k) => (p.values as Uint8Array).subarray(p.offsets![0], p.offsets![rows[k]]))) }
  }
  const width = first.type === 'ts' || first.type === 'seq' || first.type === 'i64' || first.type === 'u64' ? 2 : 1
  const Ctor = first.values.constructor as Int32ArrayConstructor
  const values = new Ctor(total * width)
  let at = 0
  parts.forEach((p, k) => {
    values.set((p.values as Int32Array).subarray(0, rows[k] * width), at)
    at += rows[k] * width
  })
  return { ...base, values }
}

export function concatTableData(parts: TableData[]): TableData {
  if (parts.length === 1) return parts[0]
  const rows = parts.map((p) => p.rows)
  return {
    name: parts[0].name,
    rows: rows.reduce((a, b) => a + b, 0),
    columns: parts[0].columns.map((_, i) => concatColumn(parts.map((p) => p.columns[i]), rows)),
  }
}
