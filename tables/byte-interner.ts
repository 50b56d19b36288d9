// Interns strings straight from the input bytes: a comm or a symbol that repeats a million
// times is hashed and compared in place, and decoded to a JS string once, on first sight.

import { equalBytes, hashBytes, WordView } from './byte-words.js'

const decoder = new TextDecoder()

export class ByteInterner {
  strings: string[] = []
  private readonly byString = new Map<string, number>()
  private slots = new Int32Array(1024) // id + 1, 0 = empty
  private hashes = new Int32Array(256)
  private starts = new Int32Array(256)
  private arena = new Uint8Array(16384)
  private arenaWords: DataView<ArrayBufferLike> = new DataView(this.arena.buffer)
  private arenaUsed = 0
  private readonly input = new WordView()

  /** Empty again, keeping its arrays (a worker parses piece after piece into one PieceTables). */
  reset(): void {
    // The strings go with the piece's result: a new list, not a cleared one.
    this.strings = []
    this.byString.clear()
    this.slots.fill(0)
    this.arenaUsed = 0
  }

  get size(): number {
    return this.strings.length
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
      if (this.starts[id + 1] - s === len && equalBytes(this.arenaWords, s, words, start, len)) return id
    }
  }

  internString(s: string): number {
    const known = this.byString.get(s)
    if (known !== undefined) return known
    const encoded = new TextEncoder().encode(s)
    return this.internBytes(encoded, 0, encoded.length)
  }

  private addBytes(bytes: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const id = this.strings.length
    const len = end - start
    if (this.arenaUsed + len > this.arena.length) {
      const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + len))
      next.set(this.arena.subarray(0, this.arenaUsed))
      this.arena = next
      this.arenaWords = new DataView(next.buffer)
    }
    if (id + 2 > this.hashes.length) {
      this.hashes = grow32(this.hashes)
      this.starts = grow32(this.starts)
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed)
    this.starts[id] = this.arenaUsed
    this.arenaUsed += len
    this.starts[id + 1] = this.arenaUsed
    this.hashes[id] = h
    const str = decoder.decode(bytes.subarray(start, end))
    this.strings.push(str)
    this.byString.set(str, id)
    this.slots[slot] = id + 1
    if (this.strings.length * 2 > this.slots.length) this.rehash()
    return id
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    const mask = this.slots.length - 1
    for (let id = 0; id < this.strings.length; id++) {
      let slot = this.hashes[id] & mask
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask
      this.slots[slot] = id + 1
    }
  }
}

function grow32(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(a.length * 2)
  next.set(a)
  return next
}
