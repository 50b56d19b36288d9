// Parses one piece cut by PerfJsonFramer: whole sample objects separated by commas, the
// header before them in the first piece, the document's `]` and `}` after them in the last.
// One pass over the bytes: a sample of the shape perf writes is read in place (sample-bytes.ts);
// any other (keys in another order, values of other types) is cut out by the scanner and
// given to JSON.parse. Lines are counted on the way, so every error names its piece line.
import type { PieceTables } from '../../tables/piece-tables.js'
import { TraceInputError, type ParserOptions, type PieceContext } from '../parser.js'
import type { PerfJsonContext } from './perf-json-header.js'
import { SampleWriter } from './sample-rows.js'
import { excerptAround, isJsonSpace, SamplesScanner } from './samples-scanner.js'

const DOCUMENT_START = Buffer.from('"linux-perf-json-version"')

export function parsePerfJsonPiece(piece: Uint8Array, context: PieceContext, out: PieceTables, options: ParserOptions): void {
  const ctx = context as PerfJsonContext
  const writer = new SampleWriter(ctx, out, typeof options.event === 'string' ? options.event : undefined)
  const length = piece.length
  let pos = 0
  let line = 1
  if (startsDocument(piece)) {
    pos = ctx.samplesOffset
    line = ctx.headerLines + 1
  }
  const fail = (expected: string): never => {
    throw new TraceInputError(expected, excerptAround(piece, pos), line, pos)
  }
  const skipSpace = (): void => {
    for (; pos < length && isJsonSpace(piece[pos]); pos++) if (piece[pos] === 0x0a) line++
  }
  skipSpace()
  // A piece after the first begins with the comma that follows the previous piece's sample.
  let mustSample = piece[pos] === 0x2c
  if (mustSample) pos++
  for (;;) {
    skipSpace()
    if (pos >= length) {
      if (mustSample) fail("a sample object after ','")
      break
    }
    if (piece[pos] === 0x5d && !mustSample) break
    if (piece[pos] !== 0x7b) fail('a sample object')
    const end = writer.writeBytes(piece, pos)
    if (end >= 0) {
      line += writer.newlinesRead
      pos = end
    } else {
      const after = parseWithJson(piece, pos, line, writer)
      line = after.line
      pos = after.end
    }
    mustSample = false
    skipSpace()
    if (pos >= length || piece[pos] === 0x5d) continue
    if (piece[pos] !== 0x2c) fail("',' or ']' after a sample")
    pos++
    mustSample = true
  }
  if (pos < length) {
    pos++ // the samples array's ]
    skipSpace()
    if (piece[pos] !== 0x7d) fail("the document's closing '}' after the samples array")
    pos++
    skipSpace()
    if (pos < length) fail('the end of the perf JSON document')
  }
  out.lines += line - 1
}

/** The sample at bytes[start] through the scanner and JSON.parse; returns the index and line after it. */
function parseWithJson(piece: Uint8Array, start: number, line: number, writer: SampleWriter): { end: number, line: number } {
  const scanner = new SamplesScanner(line)
  let end = -1
  scanner.scan(piece, start, piece.length, (_from, to) => { end = to }, true)
  if (end < 0) {
    throw new TraceInputError('the end of a sample object (the input is cut off inside it)', excerptAround(piece, start), line, start)
  }
  let sample: unknown
  try {
    sample = JSON.parse(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('utf8', start, end))
  } catch (e) {
    failInSample(piece, start, end, line, (e as Error).message)
  }
  const problem = writer.write(sample)
  if (problem !== null) throw new TraceInputError(problem, excerptAround(piece, start), line, start)
  return { end, line: scanner.line }
}

/** A JSON.parse error inside the sample at [from, end): the line of the reported position when V8 gives one. */
function failInSample(piece: Uint8Array, from: number, end: number, objectLine: number, message: string): never {
  const position = /at position (\d+)/.exec(message)
  let at = from
  let line = objectLine
  if (position !== null) {
    at = Math.min(end - 1, from + Number(position[1]))
    for (let i = from; i < at; i++) if (piece[i] === 0x0a) line++
  }
  throw new TraceInputError(`a valid JSON sample object (${message})`, excerptAround(piece, at), line, at)
}

function startsDocument(piece: Uint8Array): boolean {
  let i = 0
  while (i < piece.length && isJsonSpace(piece[i])) i++
  if (piece[i++] !== 0x7b) return false
  while (i < piece.length && isJsonSpace(piece[i])) i++
  for (let k = 0; k < DOCUMENT_START.length; k++) if (piece[i + k] !== DOCUMENT_START[k]) return false
  return true
}
