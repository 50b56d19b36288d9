// ftrace timestamps as printed: `seconds.micro` (trace, trace_pipe, trace-cmd report),
// `seconds.nano` (trace-cmd report -t), or a bare integer for the clocks that are not in ns
// (x86-tsc, counter, uptime: the kernel prints their raw count). Read digit by digit into an
// integer so that 1653.079149502 is exactly 1653079149502 ns, with no float rounding.

export interface Timestamp {
  /** ns on the trace clock, or the raw count when isCount */
  value: number
  isCount: boolean
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]

/** Parses bytes[start, end) (blanks allowed before). False unless digits[.digits] with at most 9 decimals. */
export function parseTimestamp(bytes: Uint8Array, start: number, end: number, out: Timestamp): boolean {
  let i = start
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++
  let whole = 0
  const wholeStart = i
  for (; i < end; i++) {
    const d = bytes[i] - 0x30
    if (d < 0 || d > 9) break
    whole = whole * 10 + d
  }
  if (i === wholeStart) return false
  if (i === end) {
    out.value = whole
    out.isCount = true
    return true
  }
  if (bytes[i] !== 0x2e) return false
  i++
  const fracStart = i
  let frac = 0
  for (; i < end; i++) {
    const d = bytes[i] - 0x30
    if (d < 0 || d > 9) return false
    frac = frac * 10 + d
  }
  const digits = end - fracStart
  if (digits === 0 || digits > 9) return false
  out.value = whole * 1e9 + frac * POW10[9 - digits]
  out.isCount = false
  return true
}
