import type { EventHeaderLayout, PageHeaderLayout } from './event-format.js'

// Ring-buffer page facts (kernel/trace/ring_buffer.c, Documentation/trace/ring-buffer-design.rst):
// a page is <u64 timestamp> <long commit> <data>; commit is the byte count of data with two flag
// bits on top: bit 31 = events were lost before this page, bit 30 = their count is stored as a
// long right after the data. Each event starts with a u32 of type_len (5 bits) and time_delta
// (27 bits, ns added to the running timestamp); type_len 1..28 = data of type_len*4 bytes,
// 0 = data length in the next u32, 29 = padding (time_delta 0: the rest of the page is empty),
// 30 = TIME_EXTEND (delta = next u32 << 27 | time_delta), 31 = TIME_STAMP (absolute, 59 bits).

const MISSED_EVENTS = 0x80000000
const MISSED_STORED = 0x40000000
const TS_SHIFT_FACTOR = 134217728 // 2^27
const TWO_32 = 4294967296
const TS_MSB = 0xf8n << 56n

export interface PageEvent {
  /** ns on the trace clock: a number while exact (< 2^53), else bigint. */
  ts: number | bigint
  /** Byte offset of the record (its common_type first) in the page buffer. */
  start: number
  length: number
}

export interface DecodedPage {
  timestamp: number | bigint
  dataSize: number
  /** Events lost before this page: count undefined when the kernel had no room to store it. */
  lost: { count: number | undefined } | undefined
  events: PageEvent[]
  /** The data does not add up: where (offset in the page) and what was expected. Events before it are kept. */
  damage?: { offset: number; expected: string }
}

function add(ts: number | bigint, delta: number | bigint): number | bigint {
  if (typeof ts === 'number' && typeof delta === 'number') {
    const sum = ts + delta
    if (sum <= Number.MAX_SAFE_INTEGER) return sum
  }
  const big = BigInt(ts) + BigInt(delta)
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big
}

function u64At(view: DataView, pos: number, le: boolean): number | bigint {
  const lo = view.getUint32(le ? pos : pos + 4, le)
  const hi = view.getUint32(le ? pos + 4 : pos, le)
  return hi < 0x200000 ? hi * TWO_32 + lo : view.getBigUint64(pos, le)
}

/**
 * Decodes one page: `page` holds the page from its header on; it may be shorter than
 * `pageSize` when the file was cut off, and then the events that fit are kept and `damage`
 * says so. A whole page whose commit size runs past its end is damaged the same way.
 */
export function decodeRingBufferPage(
  page: Uint8Array,
  header: PageHeaderLayout,
  eventHeader: EventHeaderLayout,
  littleEndian: boolean,
  pageSize = page.length,
): DecodedPage {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength)
  const le = littleEndian
  const available = page.length
  if (available < header.dataOffset) {
    return { timestamp: 0, dataSize: 0, lost: undefined, events: [], damage: { offset: available, expected: `a ${header.dataOffset}-byte page header` } }
  }
  const timestamp = u64At(view, header.timestampOffset, le)
  // The flags sit in the low 32 bits of the (long) commit word.
  const commitLow = view.getUint32(le ? header.commitOffset : header.commitOffset + header.commitSize - 4, le)
  const dataSize = (commitLow & ~(MISSED_EVENTS | MISSED_STORED)) >>> 0
  let lost: DecodedPage['lost']
  const end = header.dataOffset + dataSize
  if (commitLow & MISSED_EVENTS) {
    let count: number | undefined
    if (commitLow & MISSED_STORED && end + header.commitSize <= available) {
      const v = header.commitSize === 8 ? u64At(view, end, le) : view.getUint32(end, le)
      count = Number(v)
    }
    lost = { count }
  }
  const events: PageEvent[] = []
  const result: DecodedPage = { timestamp, dataSize, lost, events }
  const limit = Math.min(end, available)
  if (end > available) {
    const expected = available < pageSize ? `${dataSize} bytes of event data (page cut off)` : `a commit size within the page (${dataSize} data bytes in a ${pageSize}-byte page)`
    result.damage = { offset: available < pageSize ? available : header.commitOffset, expected }
  }
  const { padding, timeExtend, timeStamp } = eventHeader
  let ts: number | bigint = timestamp
  let pos = header.dataOffset
  while (pos < limit) {
    if (pos + 4 > limit) return damaged(result, pos, end, available, 'an event header')
    const word = view.getUint32(pos, le)
    const typeLen = le ? word & 31 : word >>> 27
    const delta = le ? word >>> 5 : word & 0x7ffffff
    if (typeLen === padding && delta === 0) break
    if (typeLen >= padding) {
      if (pos + 8 > limit) return damaged(result, pos, end, available, 'an 8-byte padding/time event')
      const array0 = view.getUint32(pos + 4, le)
      if (typeLen === padding) {
        // Discarded event or page-end padding: no time passes (rb_update_read_stamp).
        pos += 4 + array0
        continue
      }
      const value = array0 < 0x4000000 ? array0 * TS_SHIFT_FACTOR + delta : (BigInt(array0) << 27n) + BigInt(delta)
      if (typeLen === timeExtend) ts = add(ts, value)
      else if (typeLen === timeStamp) {
        // Only 59 bits are stored: the top 5 come from the running timestamp.
        ts = typeof ts === 'bigint' && ts & TS_MSB ? BigInt(value) | (ts & TS_MSB) : value
      } else return damaged(result, pos, end, available, `an event type_len up to ${timeStamp}`)
      pos += 8
      continue
    }
    let start: number
    let length: number
    if (typeLen === 0) {
      if (pos + 8 > limit) return damaged(result, pos, end, available, 'an event length word')
      length = view.getUint32(pos + 4, le) - 4
      start = pos + 8
    } else {
      length = typeLen * 4
      start = pos + 4
    }
    if (length < 0 || start + length > limit) return damaged(result, pos, end, available, `an event of ${length} bytes inside the page data`)
    ts = add(ts, delta)
    events.push({ ts, start, length })
    pos = start + length
  }
  return result
}

function damaged(result: DecodedPage, pos: number, end: number, available: number, expected: string): DecodedPage {
  // A page cut off by the end of the file is already reported as such.
  if (end <= available) result.damage = { offset: pos, expected }
  return result
}
