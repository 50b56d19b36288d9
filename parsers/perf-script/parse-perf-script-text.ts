// The whole text as one piece, for tests and small inputs (the driver in src/ streams pieces).
import { PieceTables } from '../../tables/piece-tables.js'
import { TraceInputError } from '../parser.js'
import { PerfScriptFramer } from './perf-script-framer.js'
import { PieceParser } from './piece-parser.js'

export function parsePerfScriptText(text: string | Uint8Array): PieceTables {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text
  if (bytes.length === 0) throw new TraceInputError('perf script text (the input is empty)', '', 1)
  const out = new PieceTables()
  new PieceParser(bytes, out).run()
  // a last line without newline must be whole, as the driver's framer checks at eof
  new PerfScriptFramer().cut(bytes, true)
  return out
}
