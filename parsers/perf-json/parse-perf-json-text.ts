// Whole perf JSON text -> tables, through the same framer and piece parser as the driver,
// with the input cut into chunks of chunkBytes (for tests and small inputs).
import { PieceTables } from '../../tables/piece-tables.js'
import type { ParserOptions } from '../parser.js'
import { parsePerfJsonPiece } from './parse-perf-json-piece.js'
import { PerfJsonFramer } from './samples-framer.js'

export function parsePerfJsonText(text: string | Uint8Array, options: ParserOptions = {}, chunkBytes = 1 << 20): PieceTables {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
  const framer = new PerfJsonFramer()
  const out = new PieceTables()
  let start = 0
  for (let end = Math.min(bytes.length, chunkBytes); ; end = Math.min(bytes.length, end + chunkBytes)) {
    const eof = end === bytes.length
    const cut = framer.cut(bytes.subarray(start, end), eof)
    if (cut > 0) parsePerfJsonPiece(bytes.subarray(start, start + cut), framer.context(), out, options)
    start += cut
    if (eof) break
  }
  return out
}
