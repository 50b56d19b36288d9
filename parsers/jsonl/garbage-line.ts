// Text formats take any printable line (a bpftrace printf, a JSON record), so what marks an
// input as not text at all is control bytes or bytes that are not UTF-8 (decoded as U+FFFD).
// ESC is allowed: printf output may carry terminal colours.
const NOT_TEXT = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]/

export function isGarbageLine(line: string): boolean {
  return NOT_TEXT.test(line)
}

/** 1-based number of the first line of `text` that is not text, 0 when all are (one scan). */
export function firstGarbageLine(text: string): number {
  const m = NOT_TEXT.exec(text)
  if (m === null) return 0
  let line = 1
  for (let i = text.indexOf('\n'); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++
  return line
}
