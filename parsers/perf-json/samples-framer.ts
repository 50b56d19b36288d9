// Cuts a perf JSON stream after whole sample objects of its `"samples": [ ... ]` array, so
// the array (GBs for long recordings) is never parsed as one document.
//
// Why not stream-json (the library first chosen for JSON): its parser + pick + streamArray
// assembles each sample token by token and ran at 6 MB/s on a 320 MB perf JSON here, far
// from the 100 MB/s asked; JSON.parse of each sample cut out by a byte scanner ran at
// 66 MB/s, and reading perf's sample shape in place (sample-bytes.ts) is what reaches it
// (figures: parsers/perf-json/README.md).
//
// perf writes one value per line, indented with tabs (data-convert-json.c), and a raw
// newline cannot occur inside a JSON string, so in that layout "\n\t\t}" is always the end
// of a sample: the framer finds its cut with one lastIndexOf per chunk (and counts lines)
// and leaves checking the samples to the piece parser. Any other layout (e.g. `jq -c`
// output), and the last chunk of any, is cut by SamplesScanner, which follows strings and
// depth byte by byte.
//
// Contract with the driver: after cut() returns n, the next call's bytes begin with the
// bytes that were at [n, length) (the rest of the stream, re-presented with more appended).
// KEEP_A_BYTE: before eof a cut never takes every byte given, so a driver that calls
// cut(rest, true) only while bytes remain still shows the framer the end of the stream,
// and a document cut off just after a sample is reported, not taken for complete.
// A piece ends just after a sample's `}`; the first piece also holds the header, the last
// the document's closing `]` and `}`. Errors carry stream lines and byte offsets.
import type { Framer, PieceContext } from '../parser.js'
import { TraceInputError } from '../parser.js'
import { parsePerfJsonHeader, type PerfJsonContext } from './perf-json-header.js'
import { excerptAround, SamplesScanner } from './samples-scanner.js'

const SAMPLE_END = Buffer.from('\n\t\t}')
const TAB_LAYOUT_SAMPLES = [Buffer.from('\n\t\t{'), Buffer.from('\n\t]')]

export class PerfJsonFramer implements Framer {
  private header: PerfJsonContext | null = null
  private scanner: SamplesScanner | null = null
  /** Stream offset of bytes[0] in the current call. */
  private base = 0
  /** Stream offset scanned up to. */
  private scanned = 0
  /** Stream offset just after the last complete sample. */
  private lastEnd = 0
  /** After the samples array: 0 = before the document's `}`, 1 = after it. */
  private tailState = 0
  /** perf's own layout (null until the bytes after the samples' `[` are seen). */
  private tabLayout: boolean | null = null
  /** Tab layout: newlines before base. */
  private linesBefore = 0

  cut(bytes: Uint8Array, eof: boolean): number {
    const length = bytes.length
    if (this.header === null) {
      this.header = parsePerfJsonHeader(bytes, length, eof)
      if (this.header === null) return 0
      this.scanned = this.header.samplesOffset
      this.lastEnd = this.scanned
      this.scanner = new SamplesScanner(this.header.headerLines + 1)
    }
    if (this.tabLayout === null) {
      this.tabLayout = startsTabLayout(bytes, this.scanned - this.base, eof)
      if (this.tabLayout === null) return 0
    }
    if (this.tabLayout) {
      if (!eof) return this.cutTabLayout(bytes)
      this.leaveTabLayout()
    }
    const scanner = this.scanner as SamplesScanner
    let from = this.scanned - this.base
    if (!scanner.closed) {
      scanner.offsetBase = this.base
      const base = this.base
      from = scanner.scan(bytes, from, length, (_start, end) => { this.lastEnd = base + end })
    }
    if (scanner.closed) from = this.scanTail(bytes, from, length, scanner)
    this.scanned = this.base + from
    if (eof) {
      if (!scanner.closed || this.tailState === 0) this.failTruncated(bytes, scanner)
      this.base += length
      return length
    }
    const cut = this.lastEnd - this.base
    if (cut === length) return 0 // see KEEP_A_BYTE
    this.base = this.lastEnd
    return cut
  }

  context(): PieceContext {
    if (this.header === null) throw new Error('perf-json framer: context() before the header was cut')
    return this.header
  }

  private cutTabLayout(bytes: Uint8Array): number {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    const at = buf.lastIndexOf(SAMPLE_END, bytes.length - SAMPLE_END.length - 1) // see KEEP_A_BYTE
    const end = at + SAMPLE_END.length
    if (at < 0 || end <= this.scanned - this.base) return 0
    for (let i = buf.indexOf(0x0a); i >= 0 && i < end; i = buf.indexOf(0x0a, i + 1)) this.linesBefore++
    this.base += end
    this.scanned = this.base
    return end
  }

  /** The end of a tab-layout stream: the rest is checked byte by byte, from the state after the last cut. */
  private leaveTabLayout(): void {
    this.tabLayout = false
    if (this.base === 0) return // nothing cut yet: the scanner made with the header starts at the samples
    const scanner = new SamplesScanner(this.linesBefore + 1)
    scanner.afterSample()
    this.scanner = scanner
  }

  /** After `]`: spaces, the document's `}`, spaces, nothing else. */
  private scanTail(bytes: Uint8Array, from: number, length: number, scanner: SamplesScanner): number {
    for (let i = from; i < length; i++) {
      const c = bytes[i]
      if (c === 0x0a) scanner.line++
      else if (c === 0x7d && this.tailState === 0) this.tailState = 1
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) {
        const expected = this.tailState === 0 ? "the document's closing '}' after the samples array" : 'the end of the document'
        throw new TraceInputError(expected, excerptAround(bytes, i), scanner.line, this.base + i)
      }
    }
    return length
  }

  private failTruncated(bytes: Uint8Array, scanner: SamplesScanner): never {
    const inSample = scanner.insideSample
    // A cut only follows a whole sample, so an unfinished one began within these bytes.
    const at = inSample ? scanner.objectOffset - this.base : bytes.length
    const expected = inSample ? 'the end of a sample object (the input is cut off inside it)'
      : scanner.closed ? "the document's closing '}'" : "',' and a sample, or the samples array's closing ']' (the input is cut off)"
    throw new TraceInputError(expected, excerptAround(bytes, at), inSample ? scanner.objectLine : scanner.line, this.base + at)
  }
}

/** perf's layout puts a newline and two tabs before each sample (one tab before `]` when there is none). */
function startsTabLayout(bytes: Uint8Array, samplesStart: number, eof: boolean): boolean | null {
  for (const opening of TAB_LAYOUT_SAMPLES) {
    let same = true
    for (let k = 0; k < opening.length && same; k++) {
      if (samplesStart + k >= bytes.length) return eof ? false : null
      same = bytes[samplesStart + k] === opening[k]
    }
    if (same) return true
  }
  return false
}
