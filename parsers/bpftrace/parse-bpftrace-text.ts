// For tests and scripts: bpftrace output held in memory, parsed as one piece.
import type { ParserOptions } from '../parser.js'
import { PieceTables } from '../../tables/piece-tables.js'
import { bpftraceParser } from './bpftrace-parser.js'

export function parseBpftraceText(text: string | Uint8Array, options: ParserOptions = {}): PieceTables {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
  const framer = bpftraceParser.createFramer(options)
  framer.cut(bytes, true)
  const out = new PieceTables()
  bpftraceParser.parsePiece(bytes, framer.context(), out, options)
  return out
}
