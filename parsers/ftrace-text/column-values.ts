// A column of a parsed piece as plain JS values (null for nulls), for tests and small scripts.
import type { DictColumn, NumberColumn, U64Column, Utf8Column } from '../../tables/column-builders.js'
import type { PieceTables } from '../../tables/piece-tables.js'
import type { TableName } from '../../tables/schema.js'

export type CellValue = number | bigint | string | null

export function columnValues(out: PieceTables, table: TableName, column: string): CellValue[] {
  const t = out.tables().find((b) => b.name === table)
  if (t === undefined) return []
  const c = t.list.find((b) => b.spec.name === column)
  if (c === undefined) throw new Error(`no column ${table}.${column}`)
  const valid = (r: number): boolean => c.validity.bytes === null || c.validity.bytes[r] === 1
  const values: CellValue[] = []
  for (let r = 0; r < c.length; r++) {
    if (!valid(r)) { values.push(null); continue }
    switch (c.spec.type) {
      case 'dict': values.push((c as DictColumn).dictionary.strings[(c as DictColumn).indices[r]]); break
      case 'utf8': {
        const u = c as Utf8Column
        values.push(new TextDecoder().decode(u.bytes.subarray(u.offsets[r], u.offsets[r + 1])))
        break
      }
      case 'u64': {
        const h = (c as U64Column).halves
        values.push((BigInt(h[2 * r + 1]) << 32n) | BigInt(h[2 * r]))
        break
      }
      default: values.push((c as NumberColumn).values[r])
    }
  }
  return values
}
