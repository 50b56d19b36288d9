// Cuts a byte stream of `perf script` text after its last whole event, so that pieces can be
// parsed apart (on workers). A cut goes after a blank line (which ends a callchain) or before
// a complete event line; never between an event line and its callchain.
import { PieceTables } from '../../tables/piece-tables.js'
import { excerptAt, TraceInputError, type Framer, type PieceContext } from '../parser.js'
import { hexTokenLength } from './frame-line.js'
import { HeaderLine } from './header-line.js'
import { PieceParser } from './piece-parser.js'

const NL = 0x0a
const TAB = 0x09

export class PerfScriptFramer implements Framer {
  private readonly header = new HeaderLine()

  cut(bytes: Uint8Array, eof: boolean): number {
    if (eof) {
      if (bytes.length > 0 && bytes[bytes.length - 1] !== NL) this.checkLastLine(bytes)
      return bytes.length
    }
    let end = bytes.lastIndexOf(NL)
    while (end > 0) {
      const start = bytes.lastIndexOf(NL, end - 1) + 1
      if (this.isBlank(bytes, start, end)) return end + 1
      if (start > 0 && bytes[start] !== TAB && this.isEventLine(bytes, start, end)) return start
      end = start - 1
    }
    return 0
  }

  context(): PieceContext {
    return {}
  }

  private isBlank(b: Uint8Array, start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (b[i] !== 0x20 && b[i] !== TAB && b[i] !== 0x0d) return false
    return true
  }

  private isEventLine(b: Uint8Array, start: number, end: number): boolean {
    let s = start
    while (s < end && b[s] === 0x20) s++
    let e = end
    if (e > s && b[e - 1] === 0x0d) e--
    return s < e && this.header.read(b, s, e)
  }

  /**
   * The input ends without a newline: its last line must be whole. A frame line must close its
   * (dso); an event line must parse, payload included, on its own.
   */
  private checkLastLine(b: Uint8Array): void {
    const start = b.lastIndexOf(NL) + 1
    let s = start
    while (s < b.length && (b[s] === 0x20 || b[s] === TAB)) s++
    const isFrame = b[start] === TAB || (!this.isEventLine(b, start, b.length) && hexTokenLength(b, s, b.length) > 0)
    if (isFrame) {
      if (b.indexOf(0x28, s) < 0 || b[b.length - 1] === 0x29) return
      throw new TraceInputError('a whole callchain line (the input ends inside one)', excerptAt(b, start), countLines(b, start), start)
    }
    const scratch = new PieceTables()
    try {
      new PieceParser(b.subarray(start), scratch).run()
    } catch {
      scratch.unparsed.count++
    }
    if (scratch.unparsed.count > 0) {
      throw new TraceInputError('a whole event line (the input ends inside one)', excerptAt(b, start), countLines(b, start), start)
    }
  }
}

/** The 1-based number of the line starting at `end`, within the bytes given to cut(). */
function countLines(b: Uint8Array, end: number): number {
  let n = 1
  for (let i = b.indexOf(NL); i >= 0 && i < end; i = b.indexOf(NL, i + 1)) n++
  return n
}
