// Pieces read into recycled buffers: the same cuts and bytes as fresh buffers give, and the
// buffers really are reused (a handful for the whole input, not one per piece).
import { describe, expect, it } from 'vitest'
import type { Framer } from '../../parsers/parser.js'
import { cutPieces } from './cut-pieces.js'
import { SpareBuffers } from './spare-buffers.js'

/** Newline-separated records: the cut is after the last newline shown. */
const lineFramer = (): Framer => ({
  cut: (bytes, eof) => (eof ? bytes.length : bytes.lastIndexOf(0x0a) + 1),
  context: () => ({}),
})

function textOfLines(lines: number): Uint8Array {
  let s = ''
  for (let i = 0; i < lines; i++) s += `line ${i} ${'x'.repeat(i % 97)}\n`
  return new TextEncoder().encode(s)
}

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size)
}

describe('cutPieces with spare buffers', () => {
  const input = textOfLines(20000)
  const pieceBytes = 64 << 10
  const chunkBytes = 10000

  it('cuts where fresh buffers cut, with the input bytes, while reusing a few buffers', async () => {
    const fresh: [number, number][] = []
    for await (const p of cutPieces(chunksOf(input, chunkBytes), lineFramer(), pieceBytes)) fresh.push([p.offset, p.bytes.length])
    expect(fresh.length).toBeGreaterThan(10)

    const spares = new SpareBuffers()
    const recycled: [number, number][] = []
    const buffers = new Set<ArrayBufferLike>()
    for await (const p of cutPieces(chunksOf(input, chunkBytes), lineFramer(), pieceBytes, spares)) {
      expect(Buffer.from(p.bytes).equals(Buffer.from(input.subarray(p.offset, p.offset + p.bytes.length))), `piece ${p.index}`).toBe(true)
      recycled.push([p.offset, p.bytes.length])
      buffers.add(p.bytes.buffer)
      // What a worker leaves behind: garbage where the piece was, before the buffer comes back.
      p.bytes.fill(0x2a)
      spares.giveBack(p.bytes)
    }
    expect(recycled).toEqual(fresh)
    expect(buffers.size).toBeLessThanOrEqual(2)
  })

  it('keeps a buffer out of use until it is given back', async () => {
    const held: Uint8Array[] = []
    const copies: Uint8Array[] = []
    const spares = new SpareBuffers()
    for await (const p of cutPieces(chunksOf(input, chunkBytes), lineFramer(), pieceBytes, spares)) {
      held.push(p.bytes)
      copies.push(p.bytes.slice())
      if (held.length > 3) spares.giveBack(held.shift()!)
    }
    // The pieces still held were not overwritten by later ones.
    for (const [i, bytes] of held.entries()) expect(Buffer.from(bytes).equals(copies[copies.length - held.length + i])).toBe(true)
  })
})
