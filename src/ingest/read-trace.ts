// The streaming core of ingest and info: pieces of the input parsed inline or on a worker pool
// (results taken back in input order) and assembled into Arrow record batches.
import { availableParallelism } from 'node:os'
import type { ResourceLimits } from 'node:worker_threads'
import type { Parser, PieceContext } from '../../parsers/parser.js'
import { DatasetAssembler, type AssembledBatch } from '../../tables/dataset-assembler.js'
import type { OpenedInput } from '../input/open-input.js'
import { compiledModule, createPool, runInOrder, type OrderedTask } from '../pool/ordered-pool.js'
import type { Piece } from './cut-pieces.js'
import { damageError, locatedError, pieceError, type PieceInfo } from './piece-errors.js'
import { openPieceSource, type SourceOptions } from './piece-source.js'
import { parsePieceHandingBack, type ParsedPiece, type PieceTask } from './parse-piece.js'

export interface ReadOptions extends SourceOptions {
  /** parser threads; 1 parses on the calling thread. Default: the number of cores. */
  workers?: number
  /** decompressed bytes read so far */
  onProgress?: (bytesRead: number) => void
}

export interface TraceReader {
  input: OpenedInput
  parser: Parser
  assembler: DatasetAssembler
  batches: AsyncGenerator<AssembledBatch>
  /** what the parser learned about the whole trace (header, clock); complete once batches are read */
  context: () => PieceContext
}

/**
 * Parser workers make little JS garbage (rows go to typed arrays), yet V8 grew each one's young
 * generation to 32 MB; 4 MB parses as fast (measured on perf script, ftrace text and trace.dat).
 */
const PARSER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 4 }

/**
 * A transcoded input (trace.dat) makes its text on one thread more slowly than one worker
 * parses it (85 against 102 MB/s of text here). A second parse worker was started and stopped
 * again and again as pieces queued, each start a new isolate: the 2 GB bench trace.dat peaked
 * at 269-288 MB with two parse threads and 248 MB with one, in the same time. Should the
 * transcoder become faster than a worker, this is the number to raise.
 */
const TRANSCODED_POOL_THREADS = 1

export function defaultWorkers(): number {
  return availableParallelism()
}

export const infoOf = (p: Piece): PieceInfo => ({ offset: p.offset, length: p.bytes.length })

export interface PoolOptions {
  resourceLimits?: ResourceLimits
  /** at most this many pool threads (default: workers); workers = 1 still runs inline */
  poolThreads?: number
}

export async function* orderedOutcomes<T, R>(pieces: AsyncIterable<Piece>, workers: number, workerModule: string,
  taskOf: (p: Piece) => T, inline: (task: T) => R, options: PoolOptions = {}): AsyncGenerator<[PieceInfo, R]> {
  if (workers === 1) {
    for await (const p of pieces) yield [infoOf(p), inline(taskOf(p))]
    return
  }
  const threads = Math.min(workers, options.poolThreads ?? workers)
  const pool = createPool(workerModule, threads, options.resourceLimits)
  async function* tasks(): AsyncGenerator<OrderedTask<PieceInfo, T>> {
    for await (const p of pieces) yield { info: infoOf(p), task: taskOf(p), transfer: [p.bytes.buffer as ArrayBuffer] }
  }
  try {
    yield* runInOrder<PieceInfo, T, R>(pool, tasks(), threads + 1)
  } finally {
    await pool.destroy()
  }
}

export async function readTrace(path: string, opts: ReadOptions = {}): Promise<TraceReader> {
  const source = await openPieceSource(path, opts)
  const assembler = new DatasetAssembler()
  const workers = Math.max(1, opts.workers ?? defaultWorkers())

  async function* batches(): AsyncGenerator<AssembledBatch> {
    const outcomes = orderedOutcomes<PieceTask, ParsedPiece>(source.pieces, workers,
      compiledModule(import.meta.url, 2, 'src/ingest/parse-piece.js'), source.taskOf, parsePieceHandingBack,
      { resourceLimits: PARSER_LIMITS, poolThreads: source.parser.transcode ? TRANSCODED_POOL_THREADS : workers })
    for (;;) {
      let next: IteratorResult<[PieceInfo, ParsedPiece]>
      try {
        next = await outcomes.next()
      } catch (e) {
        throw locatedError(e, path, assembler.summary.linesBefore)
      }
      if (next.done) {
        const damage = damageError(source.context(), path)
        if (damage) throw damage
        return
      }
      const [piece, outcome] = next.value
      source.recycle(outcome.pieceBytes)
      if (!outcome.ok) throw pieceError(outcome, piece, path, assembler.summary.linesBefore)
      opts.onProgress?.(piece.offset + piece.length)
      yield* assembler.add(outcome.result)
    }
  }

  return { input: source.input, parser: source.parser, assembler, batches: batches(), context: source.context }
}
