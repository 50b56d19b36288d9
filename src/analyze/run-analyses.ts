// `exotrace analyze` as a library function: one pass over a raw trace or a dataset, all the
// requested analyses folded per segment on the worker pool, accumulators merged in input order;
// before it, a first pass when an analysis's parameters need the whole input (Analysis.prepare).
import { stat } from 'node:fs/promises'
import type { InputDamage, PieceContext } from '../../parsers/parser.js'
import type { Coverage, RecordHint } from '../../analyses/analysis.js'
import { isDataset, openDataset } from '../../tables/dataset-reader.js'
import { DatasetSummary, type SummaryJson } from '../../tables/dataset-summary.js'
import type { TableName } from '../../tables/schema.js'
import { compiledModule, createPool, runInOrder, type OrderedTask } from '../pool/ordered-pool.js'
import type { Piece } from '../ingest/cut-pieces.js'
import { damageError, locatedError, pieceError, type PieceInfo } from '../ingest/piece-errors.js'
import { openPieceSource } from '../ingest/piece-source.js'
import { defaultWorkers, orderedOutcomes, type ReadOptions } from '../ingest/read-trace.js'
import { UsageError } from '../errors.js'
import { analysisByName } from './analysis-registry.js'
import { analyzeSegment, type AnalysisRequest, type SegmentOutcome, type SegmentTask } from './analyze-segment.js'

export interface AnalysisOutput {
  name: string
  params: unknown
  /** null: the trace has none of the events the analysis needs (see `needs`) */
  result: unknown
  needs: RecordHint
}

export interface AnalyzeRun {
  format: string
  summary: SummaryJson
  coverage: Coverage
  outputs: AnalysisOutput[]
}

const WORKER = 'src/analyze/analyze-segment.js'

interface Pass {
  format: string
  summary: SummaryJson
  accs: unknown[]
}

/** Every request folded over the whole input, segment by segment, merged in input order. */
async function onePass(input: string, requests: AnalysisRequest[], opts: ReadOptions): Promise<Pass> {
  const analyses = requests.map((r) => analysisByName(r.name))
  const workers = Math.max(1, opts.workers ?? defaultWorkers())
  let accs: unknown[] = requests.map((r, i) => analyses[i].init(r.params))
  const mergeIn = (next: unknown[]): void => {
    accs = accs.map((a, i) => analyses[i].merge(a, next[i], requests[i].params))
  }
  if (input !== '-' && (await stat(input).catch(() => null))?.isDirectory() && (await isDataset(input))) {
    const ds = await openDataset(input)
    for await (const [, o] of datasetOutcomes(input, ds.meta.segments as TableName[][], requests, workers)) {
      if (!o.ok) throw new Error(`internal: dataset segment failed: ${o.expected}`)
      mergeIn(o.accumulators)
    }
    return { format: String(ds.meta.format), summary: ds.meta as unknown as SummaryJson, accs }
  }
  const source = await openPieceSource(input, opts)
  const running = new DatasetSummary()
  const taskOf = (p: Piece): SegmentTask => ({ kind: 'piece', piece: source.taskOf(p), analyses: requests })
  const outcomes = orderedOutcomes<SegmentTask, Promise<SegmentOutcome>>(source.pieces, workers,
    compiledModule(import.meta.url, 2, WORKER), taskOf, analyzeSegment)
  for (;;) {
    let next: IteratorResult<[PieceInfo, Promise<SegmentOutcome>]>
    try {
      next = await outcomes.next()
    } catch (e) {
      throw locatedError(e, input, running.linesBefore)
    }
    if (next.done) break
    const [piece, pending] = next.value
    const o = await pending
    if (!o.ok) throw pieceError(o, piece, input, running.linesBefore)
    running.add(o.summary!)
    opts.onProgress?.(piece.offset + piece.length)
    mergeIn(o.accumulators)
  }
  const damage = damageError(source.context(), input)
  if (damage) throw damage
  return { format: source.parser.format, summary: running.toJSON(), accs }
}

/**
 * The requests with what a first pass over the input completes (Analysis.prepare), when any
 * needs one, and the bytes that pass read (null without one). It reports its progress as the
 * first half of the run's, so a progress bar goes once from 0 to the end.
 */
async function prepared(input: string, requests: AnalysisRequest[], opts: ReadOptions): Promise<{ complete: AnalysisRequest[]; firstPassBytes: number | null }> {
  const prepares = requests.map((r) => {
    const p = analysisByName(r.name).prepare
    return p?.needed(r.params) ? p : undefined
  })
  const needing = prepares.flatMap((p, i) => (p ? [i] : []))
  if (needing.length === 0) return { complete: requests, firstPassBytes: null }
  if (input === '-') {
    throw new UsageError(`${requests[needing[0]].name} needs two passes over the input to choose its tasks, and standard input reads once: ` +
      'name the tasks (fairness --tids), or give a file, or ingest the trace first (exotrace ingest) and analyze the dataset')
  }
  let firstPassBytes = 0
  const report = opts.onProgress
  const first = await onePass(input, needing.map((i) => ({ name: prepares[i]!.pass.name, params: requests[i].params })),
    { ...opts, onProgress: report && ((bytes) => report((firstPassBytes = bytes) / 2)) })
  const complete = requests.map((r, i) => {
    const p = prepares[i]
    return p === undefined ? r : { name: r.name, params: p.apply(r.params, p.pass.finish(first.accs[needing.indexOf(i)], r.params, EMPTY_COVERAGE)) }
  })
  return { complete, firstPassBytes }
}

const EMPTY_COVERAGE: Coverage = { start_ns: null, end_ns: null, events: 0, lost_events: 0, lost_records: 0, lost_in_window: 0 }

export async function runAnalyses(input: string, requests: AnalysisRequest[], opts: ReadOptions = {}): Promise<AnalyzeRun> {
  const { complete, firstPassBytes } = await prepared(input, requests, opts)
  const report = opts.onProgress
  const { format, summary, accs } = await onePass(input, complete, firstPassBytes === null || report === undefined ? opts
    : { ...opts, onProgress: (bytes) => report((firstPassBytes + bytes) / 2) })
  // Only a dataset can come from a damaged input: reading the damaged input itself is an error.
  const damage = (summary as { context?: PieceContext }).context?.damage as InputDamage | undefined
  const coverage: Coverage = {
    start_ns: summary.start_ns, end_ns: summary.end_ns, events: summary.events,
    lost_events: summary.lost.events, lost_records: summary.lost.records, lost_in_window: summary.lost.records,
    ...(damage === undefined ? {} : { input_damage: damage }),
  }
  const outputs = complete.map((r, i) => {
    const a = analysisByName(r.name)
    return { name: r.name, params: requests[i].params, result: a.finish(accs[i], r.params, coverage), needs: a.needs(r.params) }
  })
  return { format, summary, coverage, outputs }
}

async function* datasetOutcomes(dir: string, segments: TableName[][], analyses: AnalysisRequest[], workers: number): AsyncGenerator<[number, SegmentOutcome]> {
  const seen = new Map<TableName, number>()
  const tasks: SegmentTask[] = segments.map((tables) => {
    const batchIndex: Partial<Record<TableName, number>> = {}
    for (const t of tables) {
      batchIndex[t] = seen.get(t) ?? 0
      seen.set(t, batchIndex[t]! + 1)
    }
    return { kind: 'dataset', dir, batchIndex, analyses }
  })
  if (workers === 1) {
    for (const [i, t] of tasks.entries()) yield [i, await analyzeSegment(t)]
    return
  }
  const pool = createPool(compiledModule(import.meta.url, 2, WORKER), workers)
  async function* ordered(): AsyncGenerator<OrderedTask<number, SegmentTask>> {
    for (const [i, task] of tasks.entries()) yield { info: i, task, transfer: [] }
  }
  try {
    yield* runInOrder<number, SegmentTask, SegmentOutcome>(pool, ordered(), workers * 2)
  } finally {
    await pool.destroy()
  }
}
