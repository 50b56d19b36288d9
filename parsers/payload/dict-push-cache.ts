// Pushes a repeated string (a comm, a prev_state) into a dict column without hashing it again:
// a small table remembers, per hash of a few bytes, the id and where in the piece the string
// was last seen, and a byte compare confirms. Hashing each comm took ~1/8 of a sched trace's parse.
import type { DictColumn } from '../../tables/column-builders.js'

const SLOTS = 256

export class DictPushCache {
  private column: DictColumn | null = null
  private bytes: Uint8Array | null = null
  private readonly ids = new Int32Array(SLOTS)
  private readonly at = new Int32Array(SLOTS)
  private readonly length = new Int32Array(SLOTS)

  push(col: DictColumn, b: Uint8Array, s: number, e: number): void {
    if (col !== this.column || b !== this.bytes) {
      this.column = col
      this.bytes = b
      this.ids.fill(-1)
    }
    const n = e - s
    const slot = n === 0 ? 0 : (n * 31 + b[s] * 7 + b[e - 1] * 3 + b[s + (n >> 1)]) & (SLOTS - 1)
    const id = this.ids[slot]
    if (id >= 0 && this.length[slot] === n) {
      const a = this.at[slot]
      let k = 0
      while (k < n && b[a + k] === b[s + k]) k++
      if (k === n) return col.pushId(id)
    }
    const interned = col.dictionary.internBytes(b, s, e)
    this.ids[slot] = interned
    this.at[slot] = s
    this.length[slot] = n
    col.pushId(interned)
  }
}

/** A constant string (an event kind) as its id in the column's dictionary, looked up once per column. */
export class DictConstant {
  private column: DictColumn | null = null
  private id = 0

  constructor(private readonly value: string) {}

  push(col: DictColumn): void {
    if (col !== this.column) {
      this.column = col
      this.id = col.dictionary.internString(this.value)
    }
    col.pushId(this.id)
  }
}
