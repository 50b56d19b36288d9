// Interns strings straight from the input bytes: a comm or a symbol that repeats a million
// times is hashed and compared in place. New strings are decoded in bulk when the list is
// read (usually once, when the piece is done): decoding each on first sight, with a Map entry
// per string, took a third of a callchain parse (250k new frames per GB, each piece anew).
import { isAscii } from 'node:buffer'
import { equalRanges, hashBytes, WordView } from './byte-words.js'
import { grown } from './grown.js'

const decoder = new TextDecoder()
let generations = 0

export class ByteInterner {
  /** Changes on reset(), unique across interners: a cache of ids keys on it. */
  generation = ++generations
  private list: string[] = []
  private count = 0
  /** ids of the strings asked for by internString */
  private readonly byString = new Map<string, number>()
  private slots = new Int32Array(1024) // id + 1, 0 = empty
  private hashes = new Int32Array(256)
  private starts = new Int32Array(256)
  private arena = new Uint8Array(16384)
  private readonly arenaViews = new WordView()
  private arenaUsed = 0
  private readonly input = new WordView()

  constructor() {
    this.arenaViews.of(this.arena)
  }

  /** Empty again, keeping its arrays (a worker parses piece after piece into one PieceTables). */
  reset(): void {
    // The strings go with the piece's result: a new list, not a cleared one.
    this.list = []
    this.count = 0
    this.generation = ++generations
    this.byString.clear()
    this.slots.fill(0)
    this.arenaUsed = 0
  }

  get size(): number {
    return this.count
  }

  /** The strings by id. */
  get strings(): string[] {
    if (this.list.length < this.count) this.decodeNew()
    return this.list
  }

  internBytes(bytes: Uint8Array, start: number, end: number): number {
    const len = end - start
    const words = this.input.of(bytes)
    const h = hashBytes(words, start, end)
    const mask = this.slots.length - 1
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]
      if (entry === 0) return this.addBytes(bytes, start, end, h, slot)
      const id = entry - 1
      if (this.hashes[id] !== h) continue
      const s = this.starts[id]
      if (this.starts[id + 1] - s === len && equalRanges(this.arenaViews, s, this.input, start, len)) return id
    }
  }

  internString(s: string): number {
    const known = this.byString.get(s)
    if (known !== undefined) return known
    const encoded = new TextEncoder().encode(s)
    const id = this.internBytes(encoded, 0, encoded.length)
    this.byString.set(s, id)
    return id
  }

  private addBytes(bytes: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const id = this.count
    const len = end - start
    if (this.arenaUsed + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len))
      next.set(this.arena.subarray(0, this.arenaUsed))
      this.arena = next
      this.arenaViews.of(next)
    }
    if (id + 2 > this.hashes.length) {
      this.hashes = grown(this.hashes)
      this.starts = grown(this.starts)
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed)
    this.starts[id] = this.arenaUsed
    this.arenaUsed += len
    this.starts[id + 1] = this.arenaUsed
    this.hashes[id] = h
    this.count++
    this.slots[slot] = id + 1
    if (this.count * 2 > this.slots.length) this.rehash()
    return id
  }

  /** One decode for all the new strings when they are ASCII (cut from it), else one each. */
  private decodeNew(): void {
    const first = this.list.length
    const base = this.starts[first]
    const added = this.arena.subarray(base, this.starts[this.count])
    const all = isAscii(added) ? decoder.decode(added) : null
    for (let id = first; id < this.count; id++) {
      const s = this.starts[id]
      const e = this.starts[id + 1]
      this.list.push(all !== null ? all.slice(s - base, e - base) : decoder.decode(this.arena.subarray(s, e)))
    }
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    const mask = this.slots.length - 1
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id] & mask
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask
      this.slots[slot] = id + 1
    }
  }
}
