// Piece-relative errors made file-relative: the pieces before the failing one were assembled
// in order, so their line count is known when the error surfaces.
import { TraceInputError, type InputDamage, type PieceContext } from '../../parsers/parser.js'
import { DamagedInputError, InputError } from '../errors.js'

export interface PieceInfo {
  offset: number
  length: number
}

export interface PieceFailure {
  expected: string
  excerpt: string
  line: number | null
  byteOffset: number | null
}

export function pieceError(o: PieceFailure, piece: PieceInfo, file: string, linesBefore: number): InputError {
  if (o.line !== null) return new InputError(file, { line: linesBefore + o.line }, o.expected, o.excerpt)
  return new InputError(file, { byteOffset: piece.offset + (o.byteOffset ?? 0) }, o.expected, o.excerpt)
}

export function locatedError(e: unknown, file: string, linesBefore: number): unknown {
  if (e instanceof TraceInputError) {
    return e.line !== null
      ? new InputError(file, { line: linesBefore + e.line }, e.expected, e.excerpt)
      : new InputError(file, { byteOffset: e.byteOffset ?? 0 }, e.expected, e.excerpt)
  }
  if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return new InputError(file, null, 'a whole compressed stream', e.message)
  }
  return e
}

/** The damage a transcoder met after its readable data (context.damage), as the error to report once that data is read. */
export function damageError(context: PieceContext, file: string): DamagedInputError | undefined {
  const d = context.damage as InputDamage | undefined
  return d === undefined ? undefined : new DamagedInputError(file, { byteOffset: d.byte_offset }, d.expected, d.found ?? '')
}
