// The streaming core: open the input, detect its format, cut it into pieces, parse the pieces
// (inline, or on a worker pool, results taken back in input order), and assemble them into
// Arrow record batches of the canonical tables.
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import type { Parser, ParserOptions, PieceContext } from '../../parsers/parser.js'
import { TraceInputError } from '../../parsers/parser.js'
import { DatasetAssembler, type AssembledBatch } from '../../tables/dataset-assembler.js'
import { InputError } from '../errors.js'
import { openInput, type OpenedInput } from '../input/open-input.js'
import { cutPieces, PIECE_BYTES, type Piece } from './cut-pieces.js'
import { detectFormat } from './detect-format.js'
import { parsePiece, type PieceOutcome, type PieceTask } from './parse-piece.js'

export interface ReadOptions {
  /** force a format instead of detecting it */
  format?: string
  /** parser threads; 1 parses on the calling thread. Default: the number of cores. */
  workers?: number
  parserOptions?: ParserOptions
  pieceBytes?: number
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

export function defaultWorkers(): number {
  return availableParallelism()
}

/** The compiled worker module: tests run from TypeScript sources, workers need the build. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url)
  return here.endsWith('.ts') ? here.replace(/\/src\/ingest\/[^/]+\.ts$/, '/dist/src/ingest/parse-piece.js') : here.replace(/read-trace\.js$/, 'parse-piece.js')
}

export async function readTrace(path: string, opts: ReadOptions = {}): Promise<TraceReader> {
  const opened = await openInput(path)
  const detected = await detectFormat(opened, opts.format)
  const assembler = new DatasetAssembler()
  const workers = Math.max(1, opts.workers ?? defaultWorkers())
  const parserOptions = opts.parserOptions ?? {}
  const framer = detected.parser.createFramer(parserOptions)
  const input = { ...opened, chunks: detected.chunks }

  async function* batches(): AsyncGenerator<AssembledBatch> {
    const pieces = cutPieces(input.chunks, framer, opts.pieceBytes ?? PIECE_BYTES)
    const taskOf = (p: Piece): PieceTask => ({ format: detected.parser.format, bytes: p.bytes, context: framer.context(), options: parserOptions })
    let outcomes: AsyncGenerator<[PieceInfo, PieceOutcome]>
    let pool: Piscina | null = null
    if (workers === 1) {
      outcomes = (async function* () { for await (const p of pieces) yield [infoOf(p), parsePiece(taskOf(p))] as [PieceInfo, PieceOutcome] })()
    } else {
      pool = new Piscina({ filename: workerFile(), maxThreads: workers, minThreads: workers })
      outcomes = inOrder(pieces, pool, taskOf, workers * 2)
    }
    try {
      for (;;) {
        let next: IteratorResult<[PieceInfo, PieceOutcome]>
        try {
          next = await outcomes.next()
        } catch (e) {
          throw located(e, path, assembler)
        }
        if (next.done) break
        const [piece, outcome] = next.value
        if (!outcome.ok) throw pieceError(outcome, piece, path, assembler)
        opts.onProgress?.(piece.offset + piece.length)
        yield* assembler.add(outcome.result)
      }
    } finally {
      await pool?.destroy()
    }
  }

  return { input, parser: detected.parser, assembler, batches: batches(), context: () => framer.context() }
}

interface PieceInfo {
  offset: number
  length: number
}

const infoOf = (p: Piece): PieceInfo => ({ offset: p.offset, length: p.bytes.length })

async function* inOrder(pieces: AsyncIterable<Piece>, pool: Piscina, taskOf: (p: Piece) => PieceTask, inFlight: number): AsyncGenerator<[PieceInfo, PieceOutcome]> {
  const queue: Promise<[PieceInfo, PieceOutcome]>[] = []
  const it = pieces[Symbol.asyncIterator]()
  let done = false
  for (;;) {
    while (!done && queue.length < inFlight) {
      const r = await it.next()
      if (r.done) { done = true; break }
      const p = r.value
      const info = infoOf(p)
      const outcome = pool.run(taskOf(p), { transferList: [p.bytes.buffer] as never })
        .then((o: PieceOutcome): [PieceInfo, PieceOutcome] => [info, o])
      // Awaited in order below; until then a failure must not count as unhandled.
      outcome.catch(() => undefined)
      queue.push(outcome)
    }
    const head = queue.shift()
    if (head === undefined) return
    yield await head
  }
}

function pieceError(o: Extract<PieceOutcome, { ok: false }>, piece: PieceInfo, file: string, a: DatasetAssembler): InputError {
  if (o.line !== null) return new InputError(file, { line: a.summary.linesBefore + o.line }, o.expected, o.excerpt)
  return new InputError(file, { byteOffset: piece.offset + (o.byteOffset ?? 0) }, o.expected, o.excerpt)
}

function located(e: unknown, file: string, a: DatasetAssembler): unknown {
  if (e instanceof TraceInputError) {
    return e.line !== null
      ? new InputError(file, { line: a.summary.linesBefore + e.line }, e.expected, e.excerpt)
      : new InputError(file, { byteOffset: e.byteOffset ?? 0 }, e.expected, e.excerpt)
  }
  if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('Z_')) {
    return new InputError(file, null, 'a whole compressed stream', e.message)
  }
  return e
}
