// ftrace timestamps as printed: `seconds.micro` (trace, trace_pipe, trace-cmd report),
// `seconds.nano` (trace-cmd report -t), or a bare integer for the clocks that are not in ns
// (x86-tsc, counter, uptime: the kernel prints their raw count).
import { readTimestamp, type Timestamp } from '../payload/parse-number.js'

export type { Timestamp }

/** Parses bytes[start, end) (blanks allowed before). False unless digits[.digits] with at most 9 decimals. */
export function parseTimestamp(bytes: Uint8Array, start: number, end: number, out: Timestamp): boolean {
  let i = start
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++
  return readTimestamp(bytes, i, end, out) === end
}
