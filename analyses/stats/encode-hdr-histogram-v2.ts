import { deflateSync } from 'node:zlib'
import { float64HighWord } from './float64-high-word.js'
import { histogramBuckets } from './histogram-buckets.js'
import type { LogLinearHistogram } from './histogram-types.js'

// HdrHistogram's "V2" encoding, as its Java reference and HdrHistogramJS read it:
//   payload   = int32 cookie 0x1c849313, int32 payload length, int32 normalizing index offset (0),
//               int32 significant digits, int64 lowest discernible value, int64 highest
//               trackable value, float64 integer-to-double ratio (1.0), then the counts array
//               as ZigZag LEB128 (at most 9 bytes), a run of z > 1 zero counts written as -z;
//   compressed = int32 cookie 0x1c849314, int32 length, zlib-deflated payload;
// all big-endian, then base64.
const PAYLOAD_COOKIE = 0x1c849313
const COMPRESSED_COOKIE = 0x1c849314
const HEADER_BYTES = 40

/**
 * h in HdrHistogram's V2 compressed base64 form, readable by HdrHistogram tools
 * (HistogramLogProcessor, hdr-histogram-js decodeFromCompressedBase64, HdrHistogram_py...).
 *
 * Values are taken as integer nanoseconds (rounded). Our buckets do not align with
 * HdrHistogram's, so each bucket's count goes to one representative value, its midpoint
 * (narrowed to [min, max]), except that one count each sits on the exact min and max so a
 * reader sees them. The significant digits are chosen so HdrHistogram's buckets are at
 * least twice as fine as ours: a reader's percentile is then within our relative error plus
 * HdrHistogram's (2^-10 at 9 sub-bucket bits) plus one nanosecond of rounding.
 */
export function encodeHdrHistogramV2(h: LogLinearHistogram): string {
  const digits = significantDigitsFor(h.subBucketBits)
  const halfCountMagnitude = Math.ceil(Math.log2(2 * 10 ** digits)) - 1
  const countsByIndex = new Map<number, number>()
  const add = (valueNs: number, count: number) => {
    const index = hdrIndex(Math.round(valueNs), halfCountMagnitude)
    countsByIndex.set(index, (countsByIndex.get(index) ?? 0) + count)
  }
  const buckets = [...histogramBuckets(h)]
  buckets.forEach((bucket, i) => {
    // The first bucket holds the min and the last the max: one count each goes there.
    const atMin = i === 0 ? 1 : 0
    const atMax = i === buckets.length - 1 && h.count > 1 ? 1 : 0
    if (atMin) add(h.min, 1)
    if (atMax) add(h.max, 1)
    const rest = bucket.count - atMin - atMax
    if (rest > 0) add((Math.max(bucket.lo, h.min) + Math.min(bucket.hi, h.max)) / 2, rest)
  })
  const payload = encodePayload(countsByIndex, digits, Math.max(2, Math.round(h.count > 0 ? h.max : 0)))
  const compressed = deflateSync(payload)
  const out = Buffer.alloc(8 + compressed.length)
  out.writeInt32BE(COMPRESSED_COOKIE | 0, 0)
  out.writeInt32BE(compressed.length, 4)
  compressed.copy(out, 8)
  return out.toString('base64')
}

// HdrHistogram allows 0..5 digits; its buckets have relative width 2^-halfCountMagnitude.
function significantDigitsFor(subBucketBits: number): number {
  for (let digits = 1; digits <= 5; digits++) {
    if (Math.ceil(Math.log2(2 * 10 ** digits)) - 1 >= subBucketBits + 1) return digits
  }
  return 5
}

// HdrHistogram's counts index for an integer value, lowest discernible value 1: values below
// 2^(m+1) index themselves; above, each power of two adds 2^m entries of width 2^bucket.
function hdrIndex(value: number, halfCountMagnitude: number): number {
  if (value < 2 ** (halfCountMagnitude + 1)) return value
  const exponent = ((float64HighWord(value) >>> 20) & 0x7ff) - 1023
  const bucket = exponent - halfCountMagnitude
  return bucket * 2 ** halfCountMagnitude + Math.floor(value / 2 ** bucket)
}

function encodePayload(countsByIndex: Map<number, number>, digits: number, highestTrackableNs: number): Buffer {
  const indices = [...countsByIndex.keys()].sort((a, b) => a - b)
  const words: number[] = []
  let next = 0
  for (const index of indices) {
    const zeros = index - next
    if (zeros === 1) words.push(0)
    else if (zeros > 1) words.push(-zeros)
    words.push(countsByIndex.get(index)!)
    next = index + 1
  }
  const body = Buffer.alloc(words.length * 9)
  let length = 0
  for (const word of words) length = writeZigZagLeb128(body, length, word)
  const payload = Buffer.alloc(HEADER_BYTES + length)
  payload.writeInt32BE(PAYLOAD_COOKIE, 0)
  payload.writeInt32BE(length, 4)
  payload.writeInt32BE(0, 8)
  payload.writeInt32BE(digits, 12)
  payload.writeBigInt64BE(1n, 16)
  payload.writeBigInt64BE(BigInt(highestTrackableNs), 24)
  payload.writeDoubleBE(1, 32)
  body.copy(payload, HEADER_BYTES, 0, length)
  return payload
}

// ZigZag maps n >= 0 to 2n and n < 0 to -2n - 1; then 7 bits a byte, low bits first, high
// bit set while more follow. Counts stay below 2^53, so plain arithmetic is exact and the
// 9th byte (8 full bits) of the 64-bit variant is never reached.
function writeZigZagLeb128(out: Buffer, at: number, n: number): number {
  let value = n >= 0 ? 2 * n : -2 * n - 1
  while (value >= 128) {
    out[at++] = (value % 128) | 0x80
    value = Math.floor(value / 128)
  }
  out[at++] = value
  return at
}
