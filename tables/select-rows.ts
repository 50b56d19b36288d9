// A subset of a piece table's rows, in the same buffer layouts (for the few rows the assembler
// drops or renumbers: repeated task sightings, frames already known).
import type { ColumnData, TableData } from './piece-transfer.js'

function bit(bits: Uint8Array, i: number): number {
  return (bits[i >> 3] >> (i & 7)) & 1
}

function selectColumn(c: ColumnData, rows: number[]): ColumnData {
  const n = rows.length
  let validity: Uint8Array | null = null
  let nullCount = 0
  if (c.validity !== null) {
    validity = new Uint8Array(Math.ceil(n / 64) * 8)
    rows.forEach((r, i) => {
      if (bit(c.validity!, r)) validity![i >> 3] |= 1 << (i & 7)
      else nullCount++
    })
  }
  const base = { type: c.type, validity, nullCount, offsets: null, dictionary: c.dictionary }
  switch (c.type) {
    case 'ts':
    case 'seq':
    case 'i64':
    case 'u64': {
      const src = c.values as Int32Array | Uint32Array
      const out = new (src.constructor as Int32ArrayConstructor)(2 * n)
      rows.forEach((r, i) => { out[2 * i] = src[2 * r]; out[2 * i + 1] = src[2 * r + 1] })
      return { ...base, values: out }
    }
    case 'bool': {
      const out = new Uint8Array(Math.ceil(n / 64) * 8)
      rows.forEach((r, i) => { if (bit(c.values as Uint8Array, r)) out[i >> 3] |= 1 << (i & 7) })
      return { ...base, values: out }
    }
    case 'utf8': {
      const offsets = new Int32Array(n + 1)
      const parts: Uint8Array[] = []
      rows.forEach((r, i) => {
        const part = (c.values as Uint8Array).subarray(c.offsets![r], c.offsets![r + 1])
        parts.push(part)
        offsets[i + 1] = offsets[i] + part.length
      })
      return { ...base, offsets, values: Buffer.concat(parts) }
    }
    default: {
      const src = c.values as Int32Array | Float64Array
      const out = new (src.constructor as Int32ArrayConstructor)(n)
      rows.forEach((r, i) => { out[i] = src[r] })
      return { ...base, values: out }
    }
  }
}

export function selectRows(t: TableData, rows: number[]): TableData {
  return { name: t.name, rows: rows.length, columns: t.columns.map((c) => selectColumn(c, rows)) }
}
