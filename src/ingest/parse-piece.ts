// Parses one piece, in a worker or inline: the same function either way, so the output is
// identical whatever the worker count.
import { Piscina } from 'piscina'
import { TraceInputError, type ParserOptions, type PieceContext } from '../../parsers/parser.js'
import { PieceTables } from '../../tables/piece-tables.js'
import { pieceResult, transferList, type PieceResult } from '../../tables/piece-transfer.js'
import { parserByName } from './formats.js'
import type { PieceFailure } from './piece-errors.js'

export interface PieceTask {
  format: string
  bytes: Uint8Array
  context: PieceContext
  options: ParserOptions
}

/** Errors cross the thread boundary as data: structured clone drops an Error's own fields. */
export type PieceOutcome =
  | { ok: true; result: PieceResult }
  | ({ ok: false } & PieceFailure)

/** One per thread, emptied before each piece: its column arrays stay grown (less garbage). */
let tables: PieceTables | null = null

export function parsePiece(task: PieceTask): PieceOutcome {
  const out = (tables ??= new PieceTables())
  out.reset()
  try {
    parserByName(task.format).parsePiece(task.bytes, task.context, out, task.options)
  } catch (e) {
    if (e instanceof TraceInputError) return { ok: false, expected: e.expected, excerpt: e.excerpt, line: e.line, byteOffset: e.byteOffset }
    throw e
  }
  return { ok: true, result: pieceResult(out) }
}

/** The outcome and the piece's bytes, handed back for a later piece to be read into. */
export type ParsedPiece = PieceOutcome & { pieceBytes: Uint8Array }

export function parsePieceHandingBack(task: PieceTask): ParsedPiece {
  return { ...parsePiece(task), pieceBytes: task.bytes }
}

/** The worker entry: parse, then move the result's buffers and the piece's back instead of copying them. */
export default function parsePieceInWorker(task: PieceTask): unknown {
  const outcome = parsePieceHandingBack(task)
  const transfer = [task.bytes.buffer as ArrayBuffer, ...(outcome.ok ? transferList(outcome.result) : [])]
  const transferable = {
    get [Piscina.transferableSymbol]() { return transfer },
    get [Piscina.valueSymbol]() { return outcome },
  }
  return Piscina.move(transferable as never)
}
