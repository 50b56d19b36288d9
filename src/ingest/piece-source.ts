// Input -> detected parser -> pieces: the front half shared by ingest and analyze.
import type { Framer, Parser, ParserOptions, PieceContext } from '../../parsers/parser.js'
import { spoolToFile } from '../input/spool-to-file.js'
import { UsageError } from '../errors.js'
import { openInput, type OpenedInput } from '../input/open-input.js'
import { cutPieces, PIECE_BYTES, type Piece } from './cut-pieces.js'
import { detectFormat } from './detect-format.js'
import type { PieceTask } from './parse-piece.js'
import { SpareBuffers } from './spare-buffers.js'
import { transcodeOnThread } from './transcode-on-thread.js'

export interface SourceOptions {
  /** force a format instead of detecting it */
  format?: string
  parserOptions?: ParserOptions
  pieceBytes?: number
}

export interface PieceSource {
  input: OpenedInput
  parser: Parser
  framer: Framer
  /** what the parser (and a transcoder) learned about the whole trace; complete once the pieces are read */
  context: () => PieceContext
  pieces: AsyncGenerator<Piece>
  taskOf(p: Piece): PieceTask
  /** A piece's bytes are parsed and no longer read: later pieces may be read into their buffer. */
  recycle(bytes: Uint8Array): void
}

export async function openPieceSource(path0: string, opts: SourceOptions = {}): Promise<PieceSource> {
  const opened = await openInput(path0)
  const detected = await detectFormat(opened, opts.format)
  const options = opts.parserOptions ?? {}
  try {
    detected.parser.checkOptions?.(options)
  } catch (e) {
    throw new UsageError(`${detected.parser.format}: ${(e as Error).message}`)
  }
  const framer = detected.parser.createFramer(options)
  const transcoded: PieceContext = {}
  let chunks = detected.chunks
  if (detected.parser.transcode) {
    const readInPlace = opened.compression === null && path0 !== '-'
    // Read in place, the file's byte stream is no longer needed past detection.
    if (readInPlace) await chunks[Symbol.asyncIterator]().return?.()
    const path = readInPlace ? path0 : await spoolToFile(chunks)
    // On a thread of its own also with one parsing worker: it is a decoding stage, like gunzip's
    // (which runs on libuv's threads), and on the parsing thread its garbage inflated the heap.
    chunks = transcodeOnThread({ format: detected.parser.format, path }, transcoded)
  }
  const spares = new SpareBuffers()
  return {
    input: { ...opened, chunks },
    parser: detected.parser,
    framer,
    context: () => ({ ...framer.context(), ...transcoded }),
    pieces: cutPieces(chunks, framer, opts.pieceBytes ?? PIECE_BYTES, spares),
    // The context is read when the piece is handed out: by then the framer has seen its bytes.
    taskOf: (p) => ({ format: detected.parser.format, bytes: p.bytes, context: framer.context(), options }),
    recycle: (bytes) => spares.giveBack(bytes),
  }
}
