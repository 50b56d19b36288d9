// The callchains of the piece being parsed, each kept as one byte string (its lines up to the
// blank line after them) with the stack it made: most samples repeat a callchain met shortly
// before, and one compare of it costs a fraction of reading its frames again (a callchain-heavy
// parse went from ~430 to ~480 MB/s of CPU time).
import { ByteInterner } from '../../tables/byte-interner.js'
import { grown } from '../../tables/grown.js'

const BLANK_LINE = Buffer.from('\n\n')
const UNKNOWN = -3
// perf's callchains stop at 127 frames by default (kernel.perf_event_max_stack)
const MAX_CALLCHAIN_BYTES = 64 << 10

export class KnownCallchains {
  private readonly keys = new ByteInterner()
  private nodes = new Int32Array(1024)
  private lineCounts = new Int32Array(1024)
  /** where the next blank line starts, as far as the last search saw */
  private nextBlank = -1
  // the callchain being read for the first time: its id, the line before it, where it ends
  private readingId = -1
  private readingLine = 0
  private readingEnd = -1
  private unparsedBefore = 0
  /** what find() found */
  node = -1
  lines = 0

  /** Forgets the previous piece's callchains (node ids and byte offsets belong to it). */
  startPiece(): void {
    this.keys.reset()
    this.nextBlank = -1
    this.readingId = -1
  }

  /**
   * At the first line of a callchain (after `line` lines) of `bytes` (`text` is a Buffer over
   * them, for its indexOf): when the same callchain, byte for
   * byte, was read whole before in this piece, sets `node` and `lines` and returns where the
   * blank line after it starts. Else -1: the caller reads its lines, then calls readWhole().
   */
  find(bytes: Uint8Array, text: Buffer, pos: number, line: number, unparsed: number): number {
    if (this.nextBlank < pos) {
      this.nextBlank = text.indexOf(BLANK_LINE, pos)
      if (this.nextBlank < 0) this.nextBlank = text.length // none until the piece's end
    }
    const end = this.nextBlank + 1
    if (end > text.length || end - pos > MAX_CALLCHAIN_BYTES) return -1
    const before = this.keys.size
    const id = this.keys.internBytes(bytes, pos, end)
    if (id === before) {
      if (id === this.nodes.length) {
        this.nodes = grown(this.nodes)
        this.lineCounts = grown(this.lineCounts)
      }
      this.nodes[id] = UNKNOWN
      this.readingId = id
      this.readingLine = line
      this.readingEnd = end
      this.unparsedBefore = unparsed
      return -1
    }
    if (this.nodes[id] === UNKNOWN) return -1
    this.node = this.nodes[id]
    this.lines = this.lineCounts[id]
    return end
  }

  /**
   * The event whose callchain find() did not know has ended, at the line `lineNo` starting at
   * `lineStart`. Its stack is kept when that line is the blank line after the callchain and
   * every line of it was understood: then reading it again would give the same.
   */
  readWhole(lineStart: number, lineNo: number, unparsed: number, node: number): void {
    if (this.readingId < 0) return
    if (lineStart === this.readingEnd && unparsed === this.unparsedBefore) {
      this.nodes[this.readingId] = node
      this.lineCounts[this.readingId] = lineNo - 1 - this.readingLine
    }
    this.readingId = -1
  }
}
