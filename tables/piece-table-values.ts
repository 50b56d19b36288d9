// Test support: a piece's table columns as plain arrays (nulls included), its event counts and
// callchains, for tests that check a parser's rows against the text it read.
import type { DictColumn, NumberColumn, U64Column, Utf8Column } from './column-builders.js'
import type { PieceTables } from './piece-tables.js'
import type { TableName } from './schema.js'

export type Value = number | string | bigint | null

/** Column `name` of `table` as values: dict as strings, u64 as bigint, utf8 as strings. */
export function columnValues(out: PieceTables, table: TableName, name: string): Value[] {
  const t = out.table(table)
  const c = t.list.find((x) => x.spec.name === name)
  if (c === undefined) throw new Error(`no column ${table}.${name}`)
  const valid = (i: number): boolean => c.validity.bytes === null || c.validity.bytes[i] === 1
  const values: Value[] = []
  for (let i = 0; i < c.length; i++) {
    if (!valid(i)) { values.push(null); continue }
    if (c.spec.type === 'dict') {
      const d = c as DictColumn
      values.push(d.dictionary.strings[d.indices[i]])
    } else if (c.spec.type === 'u64') {
      const u = c as U64Column
      values.push((BigInt(u.halves[2 * i + 1]) << 32n) | BigInt(u.halves[2 * i]))
    } else if (c.spec.type === 'utf8') {
      const u = c as Utf8Column
      values.push(Buffer.from(u.bytes.subarray(u.offsets[i], u.offsets[i + 1])).toString())
    } else {
      values.push((c as NumberColumn).values[i])
    }
  }
  return values
}

/** The columns of `table` as row objects (but seq, which the builders fill). */
export function rowsOf(out: PieceTables, table: TableName): Record<string, Value>[] {
  const t = out.table(table)
  const cols = t.list.filter((c) => c.spec.type !== 'seq').map((c) => [c.spec.name, columnValues(out, table, c.spec.name)] as const)
  return Array.from({ length: t.length }, (_, i) => Object.fromEntries(cols.map(([n, v]) => [n, v[i]])))
}

/** Events per name as the parser counted them. */
export function eventCounts(out: PieceTables): Map<string, number> {
  return new Map(out.eventNames.strings.map((s, i) => [s, out.eventCounts[i]]))
}

/** Frame keys of stack node `leaf`, leaf first (as perf prints them). */
export function framesOf(out: PieceTables, leaf: number | null): string[] {
  const frames: string[] = []
  for (let n = leaf ?? -1; n >= 0; n = out.stackNodes.parents[n]) frames.push(out.frameKeys.strings[out.stackNodes.frames[n]])
  return frames
}
