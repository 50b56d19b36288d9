// Runs analyses over one segment, in a worker or inline. A segment comes either from a piece
// of a raw trace (parsed right here, so its rows never cross a thread) or from the batches of
// a dataset folder that one piece of the original input produced.
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import { RecordBatchReader, type AsyncRecordBatchFileReader } from 'apache-arrow'
import type { Segment } from '../../analyses/segment.js'
import { int32Column } from '../../analyses/segment.js'
import { tableDataOf } from '../../tables/arrow-to-table-data.js'
import { concatTableData } from '../../tables/concat-table-data.js'
import { openDataset } from '../../tables/dataset-reader.js'
import type { TableData } from '../../tables/piece-transfer.js'
import type { PieceSummary } from '../../tables/dataset-summary.js'
import type { TableName } from '../../tables/schema.js'
import { parsePiece, type PieceTask } from '../ingest/parse-piece.js'
import type { PieceFailure } from '../ingest/piece-errors.js'
import { analysisByName } from './analysis-registry.js'
import { readBatchReusingBuffer } from './reused-batch-reader.js'

export interface AnalysisRequest {
  name: string
  params: unknown
}

export type SegmentTask =
  | { kind: 'piece'; piece: PieceTask; analyses: AnalysisRequest[] }
  | { kind: 'dataset'; dir: string; batchIndex: Partial<Record<TableName, number>>; analyses: AnalysisRequest[] }

export type SegmentOutcome =
  | { ok: true; accumulators: unknown[]; summary: PieceSummary | null }
  | ({ ok: false } & PieceFailure)

const fileReaders = new Map<string, Promise<AsyncRecordBatchFileReader>>()

function fileReader(path: string): Promise<AsyncRecordBatchFileReader> {
  let r = fileReaders.get(path)
  if (r === undefined) {
    r = open(path, 'r').then(async (fh) => (await RecordBatchReader.from(fh)).open() as Promise<AsyncRecordBatchFileReader>)
    fileReaders.set(path, r)
  }
  return r
}

interface CallchainTree {
  parents: Int32Array
  frames: Int32Array
  frameTable: TableData | undefined
}

const trees = new Map<string, Promise<CallchainTree>>()

/** A dataset's stack and frame tables are global (ids from 0 over the whole trace): read once per worker. */
function callchainTree(dir: string): Promise<CallchainTree> {
  let t = trees.get(dir)
  if (t === undefined) {
    t = (async () => {
      const ds = await openDataset(dir)
      const stacks: TableData[] = []
      for await (const b of ds.batches('stack')) stacks.push(tableDataOf('stack', b))
      const frames: TableData[] = []
      for await (const b of ds.batches('frame')) frames.push(tableDataOf('frame', b))
      const stack = stacks.length > 0 ? concatTableData(stacks) : undefined
      return {
        parents: stack ? int32Column(stack, 'parent') : new Int32Array(0),
        frames: stack ? int32Column(stack, 'frame_id') : new Int32Array(0),
        frameTable: frames.length > 0 ? concatTableData(frames) : undefined,
      }
    })()
    trees.set(dir, t)
  }
  return t
}

async function datasetSegment(dir: string, batchIndex: Partial<Record<TableName, number>>, wanted: Set<TableName>): Promise<Segment> {
  const segment: Segment = { tables: {}, stackParents: new Int32Array(0), stackFrames: new Int32Array(0) }
  if (wanted.has('stack') || wanted.has('frame')) {
    const tree = await callchainTree(dir)
    segment.stackParents = tree.parents
    segment.stackFrames = tree.frames
    if (tree.frameTable) segment.tables.frame = tree.frameTable
  }
  for (const [table, index] of Object.entries(batchIndex) as [TableName, number][]) {
    if (!wanted.has(table) || table === 'stack' || table === 'frame') continue
    const path = join(dir, `${table}.arrow`)
    // In a worker the task's result is cloned before its next task reads: the buffer can be reused.
    const batch = isMainThread ? await (await fileReader(path)).readRecordBatch(index) : await readBatchReusingBuffer(path, index)
    if (batch !== null) segment.tables[table] = tableDataOf(table, batch)
  }
  return segment
}

function fold(segment: Segment, analyses: AnalysisRequest[]): unknown[] {
  return analyses.map(({ name, params }) => {
    const a = analysisByName(name)
    return a.add(a.init(params), segment, params)
  })
}

export async function analyzeSegment(task: SegmentTask): Promise<SegmentOutcome> {
  if (task.kind === 'piece') {
    const parsed = parsePiece(task.piece)
    if (!parsed.ok) return parsed
    const r = parsed.result
    const segment: Segment = {
      tables: Object.fromEntries(r.tables.map((t) => [t.name, t])),
      stackParents: r.stackParents,
      stackFrames: r.stackFrames,
    }
    return { ok: true, accumulators: fold(segment, task.analyses), summary: r.summary }
  }
  const wanted = new Set(task.analyses.flatMap((a) => analysisByName(a.name).tables))
  return { ok: true, accumulators: fold(await datasetSegment(task.dir, task.batchIndex, wanted), task.analyses), summary: null }
}

export default analyzeSegment
