// `--map ts=timestamp_ns,tid=pid,event=type`: which fields of a JSON object mean what. The
// canonical side may carry a unit (`ts:us=time_us`). Without a map, fields already named
// ts, cpu, tid or event are taken as such.
import { namedColumn, type NamedColumn } from './named-column.js'

export type JsonlFieldMap = ReadonlyMap<string, NamedColumn>

const IDENTITY: JsonlFieldMap = new Map(['ts', 'cpu', 'tid', 'event'].map((n) => [n, namedColumn(n)]))

/** source field -> canonical column. Throws on a malformed spec (the CLI reports it as bad usage). */
export function jsonlFieldMap(spec: unknown): JsonlFieldMap {
  if (spec === undefined || spec === null || spec === '') return IDENTITY
  if (typeof spec !== 'string') throw new Error('--map takes `canonical=field,...`, e.g. ts=timestamp_ns,tid=pid,event=type')
  const map = new Map<string, NamedColumn>()
  for (const entry of spec.split(',')) {
    const eq = entry.indexOf('=')
    if (eq <= 0 || eq === entry.length - 1) throw new Error(`--map entry '${entry}' is not canonical=field`)
    map.set(entry.slice(eq + 1).trim(), namedColumn(entry.slice(0, eq)))
  }
  return map
}
