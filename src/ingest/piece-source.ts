// Input -> detected parser -> pieces: the front half shared by ingest and analyze.
import type { Framer, Parser, ParserOptions } from '../../parsers/parser.js'
import { openInput, type OpenedInput } from '../input/open-input.js'
import { cutPieces, PIECE_BYTES, type Piece } from './cut-pieces.js'
import { detectFormat } from './detect-format.js'
import type { PieceTask } from './parse-piece.js'

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
  pieces: AsyncGenerator<Piece>
  taskOf(p: Piece): PieceTask
}

export async function openPieceSource(path: string, opts: SourceOptions = {}): Promise<PieceSource> {
  const opened = await openInput(path)
  const detected = await detectFormat(opened, opts.format)
  const options = opts.parserOptions ?? {}
  const framer = detected.parser.createFramer(options)
  return {
    input: { ...opened, chunks: detected.chunks },
    parser: detected.parser,
    framer,
    pieces: cutPieces(detected.chunks, framer, opts.pieceBytes ?? PIECE_BYTES),
    // The context is read when the piece is handed out: by then the framer has seen its bytes.
    taskOf: (p) => ({ format: detected.parser.format, bytes: p.bytes, context: framer.context(), options }),
  }
}
