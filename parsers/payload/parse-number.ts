// Number fields of tracepoint payloads, read straight from the bytes: no substring, no parseInt.
import { hexDigit } from '../../tables/column-builders.js'

/** Signed decimal in bytes[start, end); NaN unless every byte is a digit (after an optional '-'). */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  let i = start
  let negative = false
  if (i < end && bytes[i] === 0x2d) { negative = true; i++ }
  if (i >= end) return NaN
  let v = 0
  for (; i < end; i++) {
    const d = bytes[i] - 0x30
    if (d < 0 || d > 9) return NaN
    v = v * 10 + d
  }
  return negative ? -v : v
}

/**
 * Hex digits (0x optional) as a signed 64-bit value: syscalls:sys_exit_* print the return value
 * as `0x%lx`, so -2 arrives as 0xfffffffffffffffe. Exact while |v| < 2^53; NaN on a non-hex byte.
 */
export function parseHexSigned64(bytes: Uint8Array, start: number, end: number): number {
  if (end - start > 2 && bytes[start] === 0x30 && (bytes[start + 1] | 0x20) === 0x78) start += 2
  if (end <= start || end - start > 16) return NaN
  let lo = 0
  let hi = 0
  for (let i = start; i < end; i++) {
    const d = hexDigit(bytes[i])
    if (d < 0) return NaN
    hi = ((hi << 4) | (lo >>> 28)) >>> 0
    lo = ((lo << 4) | d) >>> 0
  }
  if (end - start === 16 && hi >= 0x80000000) return -((~hi >>> 0) * 4294967296 + (~lo >>> 0) + 1)
  return hi * 4294967296 + lo
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

/** A timestamp as printed: ns when `seconds.fraction`, the raw count when a bare integer. */
export interface Timestamp {
  /** ns on the trace clock, or the raw count when isCount */
  value: number
  isCount: boolean
}

/**
 * Reads `digits[.digits]` (at most 9 decimals, µs or ns) from bytes[start..end) into `out`,
 * digit by digit, so 1653.079149502 is exactly 1653079149502 ns with no float rounding.
 * Returns the index after it (the first byte that is not part of it), or -1 when there is no
 * digit, a `.` without decimals, or more than 9 decimals. Shared by perf script and ftrace.
 */
export function readTimestamp(bytes: Uint8Array, start: number, end: number, out: Timestamp): number {
  let i = start
  let whole = 0
  for (; i < end; i++) {
    const d = bytes[i] - 0x30
    if (d < 0 || d > 9) break
    whole = whole * 10 + d
  }
  if (i === start) return -1
  if (i === end || bytes[i] !== 0x2e) {
    out.value = whole
    out.isCount = true
    return i
  }
  const fracStart = ++i
  let frac = 0
  for (; i < end; i++) {
    const d = bytes[i] - 0x30
    if (d < 0 || d > 9) break
    frac = frac * 10 + d
  }
  const digits = i - fracStart
  if (digits === 0 || digits > 9) return -1
  out.value = whole * 1e9 + frac * POW10[9 - digits]
  out.isCount = false
  return i
}

/** Index of the first byte equal to `c` in [start, end), or -1. */
export function indexOfByte(bytes: Uint8Array, c: number, start: number, end: number): number {
  for (let i = start; i < end; i++) if (bytes[i] === c) return i
  return -1
}

/** True when bytes[at, at + word.length) equal `word`. */
export function bytesEqual(bytes: Uint8Array, at: number, word: Uint8Array): boolean {
  if (at + word.length > bytes.length) return false
  for (let i = 0; i < word.length; i++) if (bytes[at + i] !== word[i]) return false
  return true
}

export const ascii = (s: string): Uint8Array => new TextEncoder().encode(s)
