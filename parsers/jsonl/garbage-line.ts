// Text formats take any printable line (a bpftrace printf, a JSON record), so what marks an
// input as not text at all is control bytes or bytes that are not UTF-8 (decoded as U+FFFD).
// ESC is allowed: printf output may carry terminal colours.
const NOT_TEXT = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]/

export function isGarbageLine(line: string): boolean {
  return NOT_TEXT.test(line)
}
