// Finds the sample objects of perf JSON's `"samples": [ ... ]` in raw bytes, incrementally:
// its state (depth, inside a string, a pending backslash) survives the end of a chunk, so a
// stream can be fed in pieces cut anywhere. It checks the array's shape (objects separated
// by commas) but not the tokens inside an object: the piece parser does.
// Used by the framer (cut points) and by the piece parser's slow path (one span per sample).
import { excerptAt, TraceInputError } from '../parser.js'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const NEWLINE = 0x0a

export class SamplesScanner {
  /** 0 between the array's elements, > 0 inside a sample. */
  private depth = 0
  private inString = false
  /** The chunk ended just after a backslash inside a string. */
  private escaped = false
  private expectElement = true
  private elements = 0
  /** The samples array's closing `]` has been seen. */
  closed = false
  /** 1-based line of the byte being scanned. */
  line: number
  /** Start of the sample being scanned: its stream offset (see offsetBase) and its line. */
  objectOffset = -1
  objectLine = 0
  /** Stream offset of the current chunk's first byte, for error messages. */
  offsetBase = 0

  constructor(firstLine = 1) {
    this.line = firstLine
  }

  /** Starts between two samples, where a `,` or the array's `]` comes next. */
  afterSample(): void {
    this.expectElement = false
    this.elements = 1
  }

  get insideSample(): boolean {
    return this.depth > 0
  }

  /**
   * Scans bytes[from, to) (the bytes of one chunk; the next call continues where this one
   * stopped, with the chunk's indices). Calls onSample(start, end, line) for each sample
   * completed here; start is negative when the sample began in an earlier chunk. Stops just after
   * the array's `]` (or, with once, after the first sample completed) and returns that index, or `to`.
   */
  scan(bytes: Uint8Array, from: number, to: number, onSample: (start: number, end: number, line: number) => void, once = false): number {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let i = from
    let depth = this.depth
    while (i < to) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false
          i++
          continue
        }
        const q = buf.indexOf(QUOTE, i)
        const stop = q < 0 || q >= to ? to : q
        let backslashes = 0
        while (stop - backslashes - 1 >= i && bytes[stop - backslashes - 1] === BACKSLASH) backslashes++
        if (stop === to) {
          this.escaped = (backslashes & 1) === 1
          i = to
        } else {
          if ((backslashes & 1) === 0) this.inString = false
          i = stop + 1
        }
        continue
      }
      const c = bytes[i]
      if (depth > 0) {
        if (c === QUOTE) this.inString = true
        else if (c === 0x7b || c === 0x5b) depth++
        else if (c === 0x7d || c === 0x5d) {
          if (--depth === 0) {
            onSample(this.objectOffset - this.offsetBase, i + 1, this.objectLine)
            if (once) {
              this.depth = 0
              return i + 1
            }
          }
        } else if (c === NEWLINE) this.line++
        i++
        continue
      }
      if (c === NEWLINE) this.line++
      else if (c === 0x7b) {
        if (!this.expectElement) this.fail(bytes, i, "',' or ']' after a sample")
        depth = 1
        this.objectOffset = this.offsetBase + i
        this.objectLine = this.line
        this.expectElement = false
        this.elements++
      } else if (c === 0x2c) {
        if (this.expectElement) this.fail(bytes, i, 'a sample object')
        this.expectElement = true
      } else if (c === 0x5d) {
        if (this.expectElement && this.elements > 0) this.fail(bytes, i, 'a sample object after \',\'')
        this.closed = true
        this.depth = 0
        return i + 1
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
        this.fail(bytes, i, 'a sample object (\'{\') in the samples array')
      }
      i++
    }
    this.depth = depth
    return to
  }

  private fail(bytes: Uint8Array, at: number, expected: string): never {
    throw new TraceInputError(expected, excerptAround(bytes, at), this.line, this.offsetBase + at)
  }
}

/** The line holding bytes[at] for an error message, from its start or, on a long line (minified JSON), from shortly before `at`. */
export function excerptAround(bytes: Uint8Array, at: number): string {
  let s = at
  while (s > 0 && bytes[s - 1] !== NEWLINE && at - s < 60) s--
  return excerptAt(bytes, s)
}

export function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d
}
