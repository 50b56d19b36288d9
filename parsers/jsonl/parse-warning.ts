// Recoverable input problems (a JSON record cut off, a histogram with a missing bucket, an
// unknown message type) keep the rest of the input: PieceTables.warn counts the line as
// unparsed and carries the message to the driver, which prints it with the file's line number.
import type { PieceTables, PieceWarning } from '../../tables/piece-tables.js'

export type { PieceWarning }

export function noteWarning(out: PieceTables, line: number, message: string): void {
  out.warn(line, message)
}

/** The warnings written into a piece, in order. */
export function pieceWarnings(out: PieceTables): PieceWarning[] {
  return out.warnings
}
