// The whole of a small ftrace text as one piece, for tests and scripts (the ingest driver
// cuts large inputs into pieces with the framer instead).
import { PieceTables } from '../../tables/piece-tables.js'
import type { ParserOptions } from '../parser.js'
import { FtraceTextFramer } from './ftrace-text-framer.js'
import { parseFtracePiece } from './parse-ftrace-piece.js'

export function parseFtraceText(text: string | Uint8Array, options: ParserOptions = {}): PieceTables {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
  const framer = new FtraceTextFramer(options)
  framer.cut(bytes, true)
  const out = new PieceTables()
  parseFtracePiece(bytes, framer.context(), out)
  return out
}
