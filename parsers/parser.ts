// The one interface every input format implements (inferno's collapse trait, Perfetto's
// importers): a detector over the first bytes, a framer that cuts a byte stream into pieces
// at event boundaries, and a piece parser that writes the canonical tables. The driver in
// src/ingest runs pieces in input order, on one thread or on a worker pool: the output is
// the same either way, because a piece never depends on another piece's parse.
import type { PieceTables } from '../tables/piece-tables.js'

export type Detection = 'yes' | 'no' | 'more'

export interface Framer {
  /**
   * Returns the end offset (exclusive) of the last complete event in bytes[0, length) or 0
   * when no event is complete yet. At eof the framer returns length when everything is a
   * whole event, and throws a TraceInputError for a truncated last record.
   * After a non-zero return, the next call's bytes start at that offset (the driver drops
   * what was cut), so a framer that keeps scanning state can resume where it stopped.
   */
  cut(bytes: Uint8Array, eof: boolean): number
  /** Facts that a piece cannot see by itself (e.g. a JSON header before the samples array). */
  context(): PieceContext
}

/** JSON-serializable: it travels to workers. */
export type PieceContext = Record<string, unknown>

export interface ParserOptions {
  /** Raised only by the parsers that take a column layout from the user (bpftrace). */
  [option: string]: unknown
}

/**
 * Where a transcoded input's data is damaged (`context.damage`): the text ends with the events
 * read before it, and the driver reports it as an input error once those are handed on.
 */
export interface InputDamage {
  byte_offset: number
  expected: string
  found: string | null
}

/** A binary input that is read by random access and handed on as text (trace.dat). */
export interface TranscodeSource {
  /** a seekable file holding the (decompressed) input */
  path: string
}

export interface Parser {
  readonly format: string
  readonly description: string
  /**
   * For binary formats: the input as the text the piece parser reads. The driver gives it a
   * seekable file (spooling stdin or a compressed input to a temporary file first).
   */
  transcode?(source: TranscodeSource, context: PieceContext): AsyncIterable<Uint8Array>
  detect(head: Uint8Array, eof: boolean): Detection
  /** Throws an Error naming a bad parser option, before any input is read. */
  checkOptions?(options: ParserOptions): void
  createFramer(options: ParserOptions): Framer
  /**
   * Parses one piece (whole events only) into `out`. Line numbers are 1-based within the
   * piece; errors throw TraceInputError with the piece-relative line.
   */
  parsePiece(piece: Uint8Array, context: PieceContext, out: PieceTables, options: ParserOptions): void
}

/** Bad input: where, what was expected, and an excerpt. The driver adds the file and turns piece lines into file lines. */
export class TraceInputError extends Error {
  constructor(
    readonly expected: string,
    readonly excerpt: string,
    readonly line: number | null,
    readonly byteOffset: number | null = null,
  ) {
    super(`expected ${expected}`)
  }
}

/** The text of line `start` (bytes from start to the next newline), clipped for an error message. */
export function excerptAt(bytes: Uint8Array, start: number, max = 120): string {
  let end = start
  while (end < bytes.length && bytes[end] !== 0x0a && end - start < max) end++
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1')
  return text.replace(/[^\x20-\x7e\t]/g, '?')
}
