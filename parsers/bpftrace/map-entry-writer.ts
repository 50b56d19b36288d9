// One printed map entry, from text or `-f json`: a number goes to `map_value` (or to `sample`
// when the key holds a stack), a string or a tuple/record value to `event` (name = the map).
// An empty key (`@[]: 116`, JSON `"": 116`) is an empty stack (samples in user mode of a
// `@[kstack]` map) when the same map has stacks elsewhere in the piece, else an empty string
// key: such entries wait for `end()`.
import type { PieceTables } from '../../tables/piece-tables.js'
import { argText, type FieldValue } from '../jsonl/field-row-writer.js'
import { isStackKey, mapKeyComponents, mapKeyLabel } from './map-key.js'
import { writeNotice } from './notice-rows.js'
import { writeStackSample } from './stack-sample.js'

/** What bpftrace says about a value: text output never says which aggregation made it. */
export type MapValueKind = 'value' | 'avg' | 'stats_count' | 'stats_avg' | 'stats_total'

export class MapEntryWriter {
  private readonly stackMaps = new Set<string>()
  private emptyKeys: { name: string, value: number, kind: MapValueKind }[] = []

  constructor(private readonly out: PieceTables) {}

  /** The key column's text for a printed key (see mapKeyLabel). */
  keyLabel(key: string): string {
    return key === '' ? '' : mapKeyLabel(mapKeyComponents(key))
  }

  /** keyed: the map has keys (`@x[]: 5`), as opposed to a scalar map (`@x: 5`). */
  number(name: string, key: string, value: number, kind: MapValueKind, keyed: boolean): void {
    if (keyed && key === '') {
      this.emptyKeys.push({ name, value, kind })
      return
    }
    if (key.includes('\n') || key.includes(',')) {
      const components = mapKeyComponents(key)
      if (isStackKey(components)) {
        this.stackMaps.add(name)
        writeStackSample(this.out, name, components, value)
        return
      }
    }
    this.mapValue(name, this.keyLabel(key), kind, value)
  }

  end(): void {
    for (const { name, value, kind } of this.emptyKeys) {
      if (this.stackMaps.has(name)) writeStackSample(this.out, name, [{ text: '', frames: [] }], value)
      else this.mapValue(name, '', kind, value)
    }
    this.emptyKeys = []
  }

  /** stats(): three rows; a stack key stays a key here (a sample has one weight). */
  stats(name: string, key: string, count: number, average: number, total: number): void {
    const label = this.keyLabel(key)
    this.mapValue(name, label, 'stats_count', count)
    this.mapValue(name, label, 'stats_avg', average)
    this.mapValue(name, label, 'stats_total', total)
  }

  private mapValue(name: string, label: string, kind: MapValueKind, value: number): void {
    const c = this.out.table('map_value').col
    c.name.push(name)
    c.key.push(label)
    c.kind.push(kind)
    c.value.push(value)
  }

  /** A value that is not a number: a string, a tuple, a record. */
  other(name: string, key: string, value: FieldValue): void {
    writeNotice(this.out, name, key === '' ? `value=${argText(value)}` : `key=${argText(this.keyLabel(key))} value=${argText(value)}`)
  }
}
