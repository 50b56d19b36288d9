// Cuts a byte stream into pieces of about PIECE_BYTES that end on event boundaries (the
// parser's framer says where). The cut depends on the bytes and on where the source's chunks
// end (the framer cuts in what it was shown), never on the worker count, so every way of
// running an ingest sees the same pieces.
import { excerptAt, TraceInputError, type Framer } from '../../parsers/parser.js'
import { SpareBuffers } from './spare-buffers.js'

export const PIECE_BYTES = 8 << 20

export interface Piece {
  index: number
  bytes: Uint8Array
  /** byte offset of the piece in the (decompressed) input */
  offset: number
}

/** Each chunk is copied before the next is asked for: a source may reuse its chunk buffer (plain-file reads and the trace.dat transcoder do). */
export async function* cutPieces(chunks: AsyncIterable<Uint8Array>, framer: Framer, pieceBytes = PIECE_BYTES,
  spares = new SpareBuffers()): AsyncGenerator<Piece> {
  // Room for a piece and the chunk that completes it (1 MiB reads); a longer event grows it.
  const capacity = pieceBytes + (1 << 20) + (64 << 10)
  let buf = spares.take(capacity)
  let used = 0
  let index = 0
  let offset = 0
  // A piece keeps the buffer it was read into (it goes to a worker by transfer); only the
  // bytes after the cut, less than a chunk, are copied into the next buffer.
  const emit = (end: number): Piece => {
    const piece = { index: index++, bytes: buf.subarray(0, end), offset }
    offset += end
    const next = spares.take(Math.max(capacity, used - end))
    next.set(buf.subarray(end, used))
    buf = next
    used -= end
    return piece
  }
  for await (const chunk of chunks) {
    let at = 0
    while (at < chunk.length) {
      if (used === buf.length) {
        const bigger = new Uint8Array(buf.length * 2)
        bigger.set(buf)
        buf = bigger
      }
      const n = Math.min(chunk.length - at, buf.length - used)
      buf.set(chunk.subarray(at, at + n), used)
      used += n
      at += n
      if (used >= pieceBytes) {
        const end = framer.cut(buf.subarray(0, used), false)
        if (end > 0) yield emit(end)
      }
    }
  }
  // The eof call happens even with nothing left, so a framer can say the input ended inside
  // its structure (a JSON document cut right after a whole sample).
  do {
    const end = framer.cut(buf.subarray(0, used), true)
    if (used === 0) break
    if (end <= 0) throw new TraceInputError('a complete last event', excerptAt(buf, 0), null, offset)
    yield emit(end)
  } while (used > 0)
}
