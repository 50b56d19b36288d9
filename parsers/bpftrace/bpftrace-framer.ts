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

function continuesItem(c: number): boolean {
  return c === SPACE || c === TAB || c === 0x5b || c === 0x28 || c === 0x2c || c === 0x5d
}

/** json when the first non-blank byte is `{`. null when there is nothing but blanks yet. */
export function bpftraceForm(bytes: Uint8Array): BpftraceForm | null {
  for (const c of bytes) {
    if (c === SPACE || c === TAB || c === NL || c === CR) continue
    return c === BRACE ? 'json' : 'text'
  }
  return null
}

function startsItem(form: BpftraceForm, c: number): boolean {
  return form === 'json' ? c === BRACE : !continuesItem(c)
}

/** Start of the last line that starts an item (a line after the last newline counts when it has begun). */
function lastItemStart(bytes: Uint8Array, form: BpftraceForm): number {
  let nl = bytes.lastIndexOf(NL)
  if (nl >= 0 && nl + 1 < bytes.length && startsItem(form, bytes[nl + 1])) return nl + 1
  while (nl > 0) {
    const prev = bytes.lastIndexOf(NL, nl - 1)
    const lineStart = prev + 1
    if (lineStart > 0 && startsItem(form, bytes[lineStart])) return lineStart
    nl = prev
  }
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
