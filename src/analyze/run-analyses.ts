// `exotrace analyze` as a library function: one pass over a raw trace or a dataset, all the
// requested analyses folded per segment on the worker pool, accumulators merged in input order.
import { stat } from 'node:fs/promises'
import type { Coverage, RecordHint } from '../../analyses/analysis.js'
import { isDataset, openDataset } from '../../tables/dataset-reader.js'
import { DatasetSummary, type SummaryJson } from '../../tables/dataset-summary.js'
import type { TableName } from '../../tables/schema.js'
import { compiledModule, createPool, runInOrder, type OrderedTask } from '../pool/ordered-pool.js'
import type { Piece } from '../ingest/cut-pieces.js'
import { locatedError, pieceError, type PieceInfo } from '../ingest/piece-errors.js'
import { openPieceSource } from '../ingest/piece-source.js'
import { defaultWorkers, orderedOutcomes, type ReadOptions } from '../ingest/read-trace.js'
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

export async function runAnalyses(input: string, requests: AnalysisRequest[], opts: ReadOptions = {}): Promise<AnalyzeRun> {
  const analyses = requests.map((r) => analysisByName(r.name))
  const workers = Math.max(1, opts.workers ?? defaultWorkers())
  let accs: unknown[] = requests.map((r, i) => analyses[i].init(r.params))
  const mergeIn = (next: unknown[]): void => {
    accs = accs.map((a, i) => analyses[i].merge(a, next[i], requests[i].params))
  }

  let format: string
  let summary: SummaryJson
  if (input !== '-' && (await stat(input).catch(() => null))?.isDirectory() && (await isDataset(input))) {
    const ds = await openDataset(input)
    format = String(ds.meta.format)
    summary = ds.meta as unknown as SummaryJson
    for await (const [, o] of datasetOutcomes(input, ds.meta.segments as TableName[][], requests, workers)) {
      if (!o.ok) throw new Error(`internal: dataset segment failed: ${o.expected}`)
      mergeIn(o.accumulators)
    }
  } else {
    const source = await openPieceSource(input, opts)
    format = source.parser.format
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
    summary = running.toJSON()
  }
  const coverage: Coverage = {
    start_ns: summary.start_ns, end_ns: summary.end_ns, events: summary.events,
    lost_events: summary.lost.events, lost_records: summary.lost.records, lost_in_window: summary.lost.records,
  }
  const outputs = requests.map((r, i) => ({
    name: r.name, params: r.params, result: analyses[i].finish(accs[i], r.params, coverage), needs: analyses[i].needs(r.params),
  }))
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
