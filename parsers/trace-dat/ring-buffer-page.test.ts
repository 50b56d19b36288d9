// Pages built by hand from the layout in kernel/trace/ring_buffer.c, so every expected value
// is known in advance: deltas, TIME_EXTEND, absolute TIME_STAMP, padding, long events, the
// missed-events flags, a 32-bit kernel's page header and big-endian bit fields.
import { describe, expect, it } from 'vitest'
import { parseHeaderEvent, type PageHeaderLayout } from './event-format.js'
import { decodeRingBufferPage } from './ring-buffer-page.js'

const EVENT_HEADER = parseHeaderEvent('')
const PAGE64: PageHeaderLayout = { timestampOffset: 0, commitOffset: 8, commitSize: 8, dataOffset: 16 }
const PAGE32: PageHeaderLayout = { timestampOffset: 0, commitOffset: 8, commitSize: 4, dataOffset: 12 }

/** Builds a page: header fields, then u32 words of event data. */
function page(layout: PageHeaderLayout, timestamp: bigint, words: number[], opts: { flags?: number; missed?: number; le?: boolean; size?: number } = {}) {
  const le = opts.le ?? true
  const bytes = new Uint8Array(opts.size ?? 4096)
  const view = new DataView(bytes.buffer)
  view.setBigUint64(layout.timestampOffset, timestamp, le)
  const dataSize = words.length * 4
  const commit = (dataSize | (opts.flags ?? 0)) >>> 0
  if (layout.commitSize === 8) view.setBigUint64(layout.commitOffset, BigInt(commit), le)
  else view.setUint32(layout.commitOffset, commit, le)
  words.forEach((w, i) => view.setUint32(layout.dataOffset + 4 * i, w >>> 0, le))
  if (opts.missed !== undefined) {
    const at = layout.dataOffset + dataSize
    if (layout.commitSize === 8) view.setBigUint64(at, BigInt(opts.missed), le)
    else view.setUint32(at, opts.missed, le)
  }
  return bytes
}

/** type_len in the low 5 bits, time_delta in the high 27 (little-endian bit fields). */
const hdr = (typeLen: number, delta: number) => ((delta << 5) | typeLen) >>> 0
/** Big-endian bit fields: type_len in the top 5 bits. */
const hdrBE = (typeLen: number, delta: number) => ((typeLen << 27) | delta) >>> 0

describe('decodeRingBufferPage', () => {
  it('adds each event\'s delta to the page timestamp; type_len n means n*4 data bytes', () => {
    const p = page(PAGE64, 1000n, [hdr(2, 5), 0xaaaa, 0xbbbb, hdr(1, 7), 0xcccc])
    const d = decodeRingBufferPage(p, PAGE64, EVENT_HEADER, true)
    expect(d.events).toEqual([
      { ts: 1005, start: 20, length: 8 },
      { ts: 1012, start: 32, length: 4 },
    ])
    expect(d.lost).toBeUndefined()
    expect(d.damage).toBeUndefined()
  })

  it('type_len 0: length in the next word, counting itself', () => {
    // array[0] = 4 + 120 data bytes
    const p = page(PAGE64, 0n, [hdr(0, 3), 124, ...new Array(30).fill(1), hdr(1, 1), 9])
    const d = decodeRingBufferPage(p, PAGE64, EVENT_HEADER, true)
    expect(d.events).toEqual([
      { ts: 3, start: 24, length: 120 },
      { ts: 4, start: 148, length: 4 },
    ])
  })

  it('TIME_EXTEND adds (array[0] << 27) + time_delta; TIME_STAMP sets the time; padding takes none', () => {
    const extend = 5 * 2 ** 27 + 11
    const absolute = 3 * 2 ** 27 + 17
    const p = page(PAGE64, 100n, [
      hdr(30, 11), 5, hdr(1, 1), 0, // extend, then an event 1 ns later
      hdr(29, 77), 8, 0, // discarded event (padding with a delta): array[0] + 4 = 12 bytes, no time
      hdr(1, 2), 0,
      hdr(31, 17), 3, hdr(1, 0), 0, // absolute stamp
    ])
    const d = decodeRingBufferPage(p, PAGE64, EVENT_HEADER, true)
    expect(d.events.map((e) => e.ts)).toEqual([100 + extend + 1, 100 + extend + 3, absolute])
  })

  it('stops at padding with time_delta 0 (the rest of the page is empty)', () => {
    const p = page(PAGE64, 0n, [hdr(1, 1), 0, hdr(29, 0), 0, hdr(1, 1), 0])
    expect(decodeRingBufferPage(p, PAGE64, EVENT_HEADER, true).events).toHaveLength(1)
  })

  it('missed events: bit 31 flags them, bit 30 says the count is stored after the data', () => {
    const stored = page(PAGE64, 0n, [hdr(1, 1), 0], { flags: 0xc0000000, missed: 123456 })
    expect(decodeRingBufferPage(stored, PAGE64, EVENT_HEADER, true).lost).toEqual({ count: 123456 })
    const unknown = page(PAGE64, 0n, [hdr(1, 1), 0], { flags: 0x80000000 })
    expect(decodeRingBufferPage(unknown, PAGE64, EVENT_HEADER, true).lost).toEqual({ count: undefined })
    expect(decodeRingBufferPage(unknown, PAGE64, EVENT_HEADER, true).dataSize).toBe(8)
  })

  it('reads a 32-bit kernel\'s 4-byte commit and missed count', () => {
    const p = page(PAGE32, 50n, [hdr(1, 1), 0], { flags: 0xc0000000, missed: 7 })
    const d = decodeRingBufferPage(p, PAGE32, EVENT_HEADER, true)
    expect(d.events).toEqual([{ ts: 51, start: 16, length: 4 }])
    expect(d.lost).toEqual({ count: 7 })
  })

  it('reads big-endian pages (type_len in the top bits)', () => {
    const p = page(PAGE64, 10n, [hdrBE(1, 4), 0, hdrBE(30, 1), 1, hdrBE(2, 0), 0, 0], { le: false })
    const d = decodeRingBufferPage(p, PAGE64, EVENT_HEADER, false)
    expect(d.events.map((e) => e.ts)).toEqual([14, 14 + 2 ** 27 + 1])
  })

  it('keeps exact times past 2^53 ns as bigint', () => {
    const start = 2n ** 53n - 2n
    const p = page(PAGE64, start, [hdr(1, 1), 0, hdr(1, 5), 0])
    expect(decodeRingBufferPage(p, PAGE64, EVENT_HEADER, true).events.map((e) => e.ts)).toEqual([Number(start + 1n), start + 6n])
  })

  it('reports damage: an event running past the commit size, or a page cut short', () => {
    const over = page(PAGE64, 0n, [hdr(1, 1), 0, hdr(4, 1), 0])
    const d = decodeRingBufferPage(over, PAGE64, EVENT_HEADER, true)
    expect(d.events).toHaveLength(1)
    expect(d.damage).toEqual({ offset: 24, expected: 'an event of 16 bytes inside the page data' })
    const full = page(PAGE64, 0n, [hdr(1, 1), 0, hdr(1, 1), 0])
    const cut = decodeRingBufferPage(full.subarray(0, 26), PAGE64, EVENT_HEADER, true, 4096)
    expect(cut.events).toHaveLength(1)
    expect(cut.damage).toEqual({ offset: 26, expected: '16 bytes of event data (page cut off)' })
    const overlong = page(PAGE64, 0n, [hdr(1, 1), 0], { size: 64 })
    new DataView(overlong.buffer).setUint32(8, 100, true)
    expect(decodeRingBufferPage(overlong, PAGE64, EVENT_HEADER, true).damage).toEqual({ offset: 8, expected: 'a commit size within the page (100 data bytes in a 64-byte page)' })
  })
})
