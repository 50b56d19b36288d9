// The fold analysis over segments of the canonical tables: `sample` rows (or, without any,
// events with a stack: ftrace), the segment's callchain tree and its `frame` rows. Each
// callchain node folds once per segment and naming rule, so a sample costs a few array reads
// and one hash insert, whatever its depth.
//
// What the tables do not keep, and stackcollapse-perf.pl looks at: whether the event line
// printed a timestamp (FoldSample.untimed): such samples are filtered and weighed like any
// other here. Tracepoint samples are known by their `system:event` name (stack-rows.ts).
import type { Analysis } from '../analysis.js'
import { dictColumn, int64Column, isValidAt, type Segment } from '../segment.js'
import type { ColumnData, TableData } from '../../tables/piece-transfer.js'
import { TABLES, type ColumnName } from '../../tables/schema.js'
import { addFoldedSample, extendNode, foldStacks, isJavaComm, type FoldAccumulator, type FoldedStacks, type FoldOptions } from './fold-stacks.js'
import { inlineQuestion, type FrameNameOptions } from './frame-name.js'
import { askInBatches } from './inline-frames.js'
import type { FoldFrame, FoldSample } from './sample-record.js'
import { STACK_TABLES, stackRowsOf } from './stack-rows.js'

const UNSET = -2
const UNKNOWN = '[unknown]'

export interface FoldParams extends FoldOptions {
  /**
   * Keep only the samples taken inside one of these windows: [begin, end] pairs in ns, sorted
   * by begin (tail-windows.ts finds them for `--tail`).
   */
  windowsNs?: readonly number[]
}

function addSegment(acc: FoldAccumulator, segment: Segment, windowsNs: readonly number[] | undefined): FoldAccumulator {
  const rows = stackRowsOf(segment)
  if (rows.rows === 0) return acc
  const frames = segment.tables.frame === undefined ? [] : frameRecords(segment.tables.frame, acc.options)
  if (acc.options.inline) askInBatches(frames.map(inlineQuestion))
  const nodeOf = foldedNodes(acc, segment, frames)
  const inside = windowsNs === undefined ? null : insideWindows(windowsNs)
  // One record, refilled for each row: addFoldedSample keeps none of it.
  const sample: Omit<FoldSample, 'frames'> = { comm: '', pid: null, tid: null, event: null, period: null, args: null }
  for (let r = 0; r < rows.rows; r++) {
    if (rows.unreadable[r] === 1 || (inside !== null && !inside(rows.ts[r]))) continue
    sample.comm = rows.comm[r]
    sample.pid = rows.pid[r] < 0 ? null : rows.pid[r]
    sample.tid = rows.tid[r] < 0 ? null : rows.tid[r]
    sample.event = rows.event[r]
    sample.period = Number.isNaN(rows.period[r]) ? null : rows.period[r]
    sample.args = rows.tracepoint[r] === 1 ? 'fields' : null
    addFoldedSample(acc, sample, nodeOf(rows.stackId[r], rows.comm[r], rows.bareFrames[r] === 1))
  }
  return acc
}

/** A test for "ts lies in one of the windows" (windows sorted by begin; they may overlap). */
function insideWindows(windowsNs: readonly number[]): (ts: number) => boolean {
  const n = windowsNs.length / 2
  const reach = new Float64Array(n) // latest end among windows 0..i
  for (let i = 0; i < n; i++) reach[i] = Math.max(i > 0 ? reach[i - 1] : -Infinity, windowsNs[2 * i + 1])
  return (ts) => {
    let lo = 0
    let hi = n // first window beginning after ts
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (windowsNs[2 * mid] <= ts) lo = mid + 1
      else hi = mid
    }
    return lo > 0 && reach[lo - 1] >= ts
  }
}

/**
 * The folded node of a callchain node of the segment's tree, memoized per tree node and naming
 * rule (other processes, `java*` processes, frames as printed), so each tree node folds once.
 */
export function foldedNodes(acc: FoldAccumulator, segment: Segment, frames: FoldFrame[]): (stackId: number, comm: string, bare: boolean) => number {
  const { stackParents, stackFrames } = segment
  const memos = [0, 1, 2].map(() => new Int32Array(stackParents.length).fill(UNSET))
  const path: number[] = []
  return (stackId, comm, bare) => {
    const java = isJavaComm(comm)
    const memo = memos[bare ? 2 : java ? 1 : 0]
    // Walk up to a folded node (or the root), then fold the way back down.
    let top = stackId
    if (top >= stackParents.length) {
      throw new Error(`internal: fold: stack_id ${top} is outside the segment's callchain tree (${stackParents.length} nodes)`)
    }
    while (top >= 0 && memo[top] === UNSET) {
      path.push(top)
      top = stackParents[top]
    }
    let node = top < 0 ? -1 : memo[top]
    while (path.length > 0) {
      const n = path.pop() as number
      node = extendNode(acc, node, frames[stackFrames[n]], java, bare)
      memo[n] = node
    }
    return node
  }
}

/**
 * The `frame` rows as the text perf printed; addresses only when names depend on them
 * (`--addrs`, `--inline`), offsets as printed only for `--inline` (its `nm` fallback adds them).
 */
export function frameRecords(t: TableData, options: Pick<FrameNameOptions, 'addrs' | 'inline'>): FoldFrame[] {
  const withAddrs = options.addrs || options.inline
  const symbol = dictColumn(t, 'symbol')
  const dso = dictColumn(t, 'dso')
  const offset = int64Column(t, 'offset')
  const addr = columnOf(t, 'addr')
  const inlined = columnOf(t, 'inlined')
  const halves = addr.values as Uint32Array
  const bits = inlined.values as Uint8Array
  const out: FoldFrame[] = new Array(t.rows)
  for (let r = 0; r < t.rows; r++) {
    const hi = halves[2 * r + 1]
    const lo = halves[2 * r]
    const symbolText = symbol.ids[r] < 0 ? '' : symbol.strings[symbol.ids[r]]
    const frame: FoldFrame = {
      addr: !withAddrs || !isValidAt(addr, r) ? null : hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0'),
      symbol: symbolText,
      // Without --inline only its presence matters to the name; with it, its value feeds the
      // script's nm fallback (func+0xOFF). The i64 column cannot give kernel-style offsets back
      // (`_start+0xffff018fd5dce000` reads as a negative number): those print as 0x0, and
      // their dsos are never expanded (inline-frames' mayInline).
      offset: Number.isNaN(offset[r]) ? null : options.inline && offset[r] >= 0 && offset[r] <= Number.MAX_SAFE_INTEGER ? `0x${offset[r].toString(16)}` : '0x0',
      // perf JSON leaves out a dso perf could not resolve, where perf script prints `([unknown])`
      dso: dso.ids[r] >= 0 ? dso.strings[dso.ids[r]] : symbolText === UNKNOWN ? UNKNOWN : null,
    }
    if (isValidAt(inlined, r) && ((bits[r >> 3] >> (r & 7)) & 1) === 1) frame.inlined = true
    out[r] = frame
  }
  return out
}

function columnOf(t: TableData, name: ColumnName<'frame'>): ColumnData {
  return t.columns[TABLES.frame.findIndex((c) => c.name === name)]
}

export const foldAnalysis: Analysis<FoldParams, FoldAccumulator, FoldedStacks> = {
  name: 'fold',
  description: 'folded stacks for flame graphs, as FlameGraph stackcollapse-perf.pl writes them',
  // events with a stack (ftrace) and the threads' names (`task`) when there are no samples
  tables: ['sample', 'frame', 'task', ...STACK_TABLES],
  needs: () => ({ events: ['cpu-clock', 'cycles'], record: ['perf record -F 99 -a -g -- sleep 10'] }),
  init: ({ windowsNs: _, ...options }) => foldStacks.init(options),
  add: (acc, segment, params) => addSegment(acc, segment, params.windowsNs),
  merge: (a, b) => foldStacks.merge(a, b),
  finish: (acc) => (acc.weights.length === 0 && acc.samplesByEvent.size === 0 ? null : foldStacks.finish(acc)),
}
