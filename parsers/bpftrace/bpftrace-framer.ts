// Cuts bpftrace output into pieces at the start of a line that begins a new item, never inside
// a histogram (bucket lines start with `[` or `(`) or a multi-line stack key (frames are
// indented, later components start with `,` or `]`). `-f json` is cut before a line starting
// with `{`: records start there, and a pretty-printed record's inner lines are indented.
import type { Framer } from '../parser.js'

export type BpftraceForm = 'text' | 'json'

const SPACE = 0x20
const TAB = 0x09
const NL = 0x0a
const CR = 0x0d
const BRACE = 0x7b

/**
 * The line at `start` is (or, cut short by the end of the bytes, may be) a bucket line:
 * `[lo, hi)` or `(..., hi)`, blanks, a count.
 */
function mayBeBucketLine(bytes: Uint8Array, start: number): boolean {
  let i = start + 1
  while (i < bytes.length && bytes[i] !== 0x5d && bytes[i] !== 0x29 && bytes[i] !== NL) i++
  if (i >= bytes.length) return true
  if (bytes[i] === NL) return false
  i++
  const blanks = i
  while (i < bytes.length && bytes[i] === SPACE) i++
  if (i >= bytes.length) return true
  return i > blanks && bytes[i] >= 0x30 && bytes[i] <= 0x39
}

/** json when the first non-blank byte is `{`. null when there is nothing but blanks yet. */
export function bpftraceForm(bytes: Uint8Array): BpftraceForm | null {
  for (const c of bytes) {
    if (c === SPACE || c === TAB || c === NL || c === CR) continue
    return c === BRACE ? 'json' : 'text'
  }
  return null
}

/** Start of the line before the line starting at `at` (0 at the first line). */
const lineStartBefore = (bytes: Uint8Array, at: number): number => (at < 2 ? 0 : bytes.lastIndexOf(NL, at - 2) + 1)

const isIndent = (c: number): boolean => c === SPACE || c === TAB

/**
 * Text: the line start a piece may start at, looking back from the line at `start`; 0 for none.
 * Not inside a histogram (bucket lines) nor a multi-line key: its frames are indented under a
 * line starting with `@` or `,`, and it goes on with lines starting with `,` or `]`. Indented
 * lines elsewhere are printf output, so a stream of them still gets cut.
 */
function textCutBefore(bytes: Uint8Array, start: number): number {
  while (start > 0) {
    const c = bytes[start]
    if (c === 0x2c || c === 0x5d || ((c === 0x5b || c === 0x28) && mayBeBucketLine(bytes, start))) {
      start = lineStartBefore(bytes, start)
      continue
    }
    if (!isIndent(c)) return start
    let p = start
    while (p > 0 && isIndent(bytes[p])) p = lineStartBefore(bytes, p)
    // indented back to where this buffer starts: a piece never starts inside a key, so neither is this
    if (isIndent(bytes[p])) return start
    if (bytes[p] !== 0x40 && bytes[p] !== 0x2c && bytes[p] !== 0x5d) return start
    start = p
  }
  return 0
}

/** Start of the last line a piece may start at (a line after the last newline counts when it has begun). */
function lastItemStart(bytes: Uint8Array, form: BpftraceForm): number {
  const last = bytes.lastIndexOf(NL)
  if (last < 0) return 0
  const start = last + 1 < bytes.length ? last + 1 : lineStartBefore(bytes, last + 1)
  if (form === 'text') return textCutBefore(bytes, start)
  for (let s = start; s > 0; s = lineStartBefore(bytes, s)) if (bytes[s] === BRACE) return s
  return 0
}

export function createBpftraceFramer(): Framer {
  let form: BpftraceForm | null = null
  return {
    cut(bytes, eof) {
      form ??= bpftraceForm(bytes)
      if (eof) return bytes.length
      return form === null ? 0 : lastItemStart(bytes, form)
    },
    context: () => ({ form: form ?? 'text' }),
  }
}
