// Ids of strings that repeat (comms, states, event names, callchain lines) without hashing them
// again: a small table remembers, per hash of a few bytes, the id and where in the buffer the
// string was last seen, and a byte compare confirms. Hashing each comm took ~1/8 of a sched
// trace's parse.
import { equalBytes, WordView } from '../../tables/byte-words.js'
import type { DictColumn } from '../../tables/column-builders.js'

const SLOTS = 256

export class RecentBytes {
  private readonly words = new WordView()
  private readonly ids = new Int32Array(SLOTS).fill(-1)
  private readonly at = new Int32Array(SLOTS)
  private readonly length = new Int32Array(SLOTS)
  private slot = 0

  /** Forgets everything (the ids belong to another interner now). */
  reset(): void {
    this.ids.fill(-1)
  }

  /** The id remembered for bytes[s, e), or -1. A miss leaves its slot for remember(). */
  find(b: Uint8Array, s: number, e: number): number {
    if (this.words.changes(b)) this.ids.fill(-1)
    const n = e - s
    const slot = n === 0 ? 0 : (n * 31 + b[s] * 7 + b[e - 1] * 3 + b[s + (n >> 1)] + b[e - 1 - (n >> 2)] * 5) & (SLOTS - 1)
    this.slot = slot
    const id = this.ids[slot]
    if (id < 0 || this.length[slot] !== n) return -1
    const v = this.words.view
    return equalBytes(v, this.at[slot], v, s, n) ? id : -1
  }

  /** Remembers `id` for bytes[s, e), just after find() missed it. */
  remember(s: number, e: number, id: number): void {
    this.ids[this.slot] = id
    this.at[this.slot] = s
    this.length[this.slot] = e - s
  }
}

/** Pushes bytes into a dict column through a RecentBytes of its own. */
// Both caches key on the dictionary's generation, not the column: a PieceTables emptied for
// the next piece keeps its columns but starts its dictionaries anew.
export class DictPushCache {
  private generation = 0
  private readonly recent = new RecentBytes()

  push(col: DictColumn, b: Uint8Array, s: number, e: number): void {
    if (col.dictionary.generation !== this.generation) {
      this.generation = col.dictionary.generation
      this.recent.reset()
    }
    let id = this.recent.find(b, s, e)
    if (id < 0) {
      id = col.dictionary.internBytes(b, s, e)
      this.recent.remember(s, e, id)
    }
    col.pushId(id)
  }
}

/** A constant string (an event kind) as its id in the column's dictionary, looked up once per column. */
export class DictConstant {
  private generation = 0
  private id = 0

  constructor(private readonly value: string) {}

  push(col: DictColumn): void {
    if (col.dictionary.generation !== this.generation) {
      this.id = col.dictionary.internString(this.value)
      this.generation = col.dictionary.generation
    }
    col.pushId(this.id)
  }
}
