// Recoverable input problems (a JSON record cut off, a histogram with a missing bucket, an
// unknown message type) keep the rest of the input: the line is counted in `unparsed`, and the
// message becomes an `event` row named `exotrace:warning`, so it travels with the piece (to a
// worker and back) like any other row. The driver reads them back with `pieceWarnings`.
import type { PieceTables } from '../../tables/piece-tables.js'
import { writeUntimedEvent } from './untimed-event.js'

export const WARNING_EVENT = 'exotrace:warning'

export interface PieceWarning {
  /** 1-based line within the piece */
  line: number
  message: string
}

export function noteWarning(out: PieceTables, line: number, message: string): void {
  out.noteUnparsed(line)
  writeUntimedEvent(out, WARNING_EVENT, `line=${line} ${message}`)
}

const decoder = new TextDecoder()

/** The warnings written into a piece, in order. */
export function pieceWarnings(out: PieceTables): PieceWarning[] {
  const c = out.table('event').col
  const id = c.name.dictionary.strings.indexOf(WARNING_EVENT)
  const warnings: PieceWarning[] = []
  if (id < 0) return warnings
  for (let row = 0; row < c.name.length; row++) {
    if (c.name.indices[row] !== id) continue
    const text = decoder.decode(c.args.bytes.subarray(c.args.offsets[row], c.args.offsets[row + 1]))
    const m = /^line=(\d+) (.*)$/s.exec(text)
    if (m !== null) warnings.push({ line: Number(m[1]), message: m[2] })
  }
  return warnings
}
