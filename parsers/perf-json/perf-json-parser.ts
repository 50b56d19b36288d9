// `perf data convert --to-json` output (perf 5.14+): detector, framer and piece parser.
import type { Detection, Parser } from '../parser.js'
import { parsePerfJsonPiece } from './parse-perf-json-piece.js'
import { PerfJsonFramer } from './samples-framer.js'
import { isJsonSpace } from './samples-scanner.js'

const FIRST_KEY = Buffer.from('"linux-perf-json-version"')

/** perf writes `{` then, after a newline and a tab, its format version key first. */
function detectPerfJson(head: Uint8Array, eof: boolean): Detection {
  let i = 0
  while (i < head.length && isJsonSpace(head[i])) i++
  if (i < head.length && head[i++] !== 0x7b) return 'no'
  while (i < head.length && isJsonSpace(head[i])) i++
  for (let k = 0; k < FIRST_KEY.length; k++, i++) {
    if (i >= head.length) return eof ? 'no' : 'more'
    if (head[i] !== FIRST_KEY[k]) return 'no'
  }
  return 'yes'
}

export const perfJsonParser: Parser = {
  format: 'perf-json',
  description: 'perf data convert --to-json output (samples with callchains; tracepoint fields from perf 6.2+)',
  detect: detectPerfJson,
  createFramer: () => new PerfJsonFramer(),
  parsePiece: parsePerfJsonPiece,
}
