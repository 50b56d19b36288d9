// `perf script` text (any perf version since 3.x, default or -F field lists, --ns, callchains,
// --show-*-events records) into the canonical tables.
import type { PieceTables } from '../../tables/piece-tables.js'
import type { Parser, PieceContext } from '../parser.js'
import { detectPerfScript } from './detect-perf-script.js'
import { PerfScriptFramer } from './perf-script-framer.js'
import { PieceParser } from './piece-parser.js'

export const perfScriptParser: Parser = {
  format: 'perf-script',
  description: 'perf script text output (tracepoints with payloads, samples with callchains)',
  detect: detectPerfScript,
  createFramer: () => new PerfScriptFramer(),
  parsePiece(piece: Uint8Array, _context: PieceContext, out: PieceTables): void {
    new PieceParser(piece, out).run()
  },
}
