// Off-CPU stacks: each time a task is switched out (a sched_switch recorded with its call
// chain: `perf record -e sched:sched_switch -g`), its stack is weighed by the time until the
// task is switched in again, in ns. The folded output reads like stackcollapse-perf.pl's, so
// flame graphs of where threads block draw like CPU profiles.
//
// Across segments: a switch-out still waiting at the end of one segment is closed by the first
// switch-in of that thread in a later one; `merge` carries both sides. A task still off CPU
// when the trace ends, or switched in without a switch-out seen before, adds nothing.
import type { Analysis } from '../analysis.js'
import { foldedNodes, frameRecords } from '../fold/fold-analysis.js'
import { addFoldedSample, foldStacks, transplantNode, type FoldAccumulator, type FoldedStacks, type FoldOptions } from '../fold/fold-stacks.js'
import { dictColumn, int32Column, int64Column, type Segment } from '../segment.js'

export type OffCpuOptions = Omit<FoldOptions, 'count' | 'eventFilter'>

interface Blocked {
  ts: number
  node: number
  comm: string
}

export interface OffCpuAccumulator {
  fold: FoldAccumulator
  /** tid -> its switch-out not yet followed by a switch-in */
  blocked: Map<number, Blocked>
  /** tid -> time of its first switch-in in this span, when no switch-out of it came before */
  firstIn: Map<number, number>
  /** tids switched out (or in) in this span */
  seen: Set<number>
}

// The event the weights are counted under (one event: no filtering applies).
const EVENT = 'sched:sched_switch'

function init(options: OffCpuOptions): OffCpuAccumulator {
  return { fold: foldStacks.init({ ...options, count: 'period' }), blocked: new Map(), firstIn: new Map(), seen: new Set() }
}

function addBlocked(fold: FoldAccumulator, tid: number, b: Blocked, untilNs: number): void {
  // A weight of 0 would count as 1 in the script's rule (no period): keep at least 1 ns.
  addFoldedSample(fold, { comm: b.comm, pid: null, tid, event: EVENT, period: Math.max(1, untilNs - b.ts) }, b.node)
}

function add(acc: OffCpuAccumulator, segment: Segment): OffCpuAccumulator {
  const sw = segment.tables.sched_switch
  if (sw === undefined || sw.rows === 0) return acc
  const ts = int64Column(sw, 'ts')
  const prevTid = int32Column(sw, 'prev_tid')
  const nextTid = int32Column(sw, 'next_tid')
  const prevComm = dictColumn(sw, 'prev_comm')
  const stackId = int32Column(sw, 'stack_id')
  const frames = segment.tables.frame === undefined ? [] : frameRecords(segment.tables.frame, acc.fold.options.addrs)
  const nodeOf = foldedNodes(acc.fold, segment, frames)
  for (let r = 0; r < sw.rows; r++) {
    const next = nextTid[r]
    if (next > 0) {
      const b = acc.blocked.get(next)
      if (b !== undefined) {
        addBlocked(acc.fold, next, b, ts[r])
        acc.blocked.delete(next)
      } else if (!acc.seen.has(next)) acc.firstIn.set(next, ts[r])
      acc.seen.add(next)
    }
    const prev = prevTid[r]
    if (prev > 0) {
      const comm = prevComm.ids[r] < 0 ? '' : prevComm.strings[prevComm.ids[r]]
      acc.blocked.set(prev, { ts: ts[r], node: stackId[r] < 0 ? -1 : nodeOf(stackId[r], comm, false), comm })
      acc.seen.add(prev)
    }
  }
  return acc
}

function merge(earlier: OffCpuAccumulator, later: OffCpuAccumulator): OffCpuAccumulator {
  for (const [tid, inNs] of later.firstIn) {
    const b = earlier.blocked.get(tid)
    if (b !== undefined) {
      addBlocked(earlier.fold, tid, b, inNs)
      earlier.blocked.delete(tid)
    } else if (!earlier.seen.has(tid)) earlier.firstIn.set(tid, inNs)
  }
  // Later switch-outs replace earlier ones: a thread's switch-in that was never seen ends nothing.
  for (const [tid, b] of later.blocked) earlier.blocked.set(tid, { ...b, node: transplantNode(later.fold, earlier.fold, b.node) })
  for (const tid of later.seen) earlier.seen.add(tid)
  foldStacks.merge(earlier.fold, later.fold)
  return earlier
}

export const offCpuAnalysis: Analysis<OffCpuOptions, OffCpuAccumulator, FoldedStacks> = {
  name: 'offcpu',
  description: 'off-CPU stacks: each switched-out stack weighed by the ns until its task ran again',
  tables: ['sched_switch', 'frame'],
  needs: () => ({ events: ['sched:sched_switch with call chains'], record: ['perf record -e sched:sched_switch -g -a -- sleep 10'] }),
  init,
  add: (acc, segment) => add(acc, segment),
  merge: (a, b) => merge(a, b),
  finish: (acc) => (acc.fold.weights.length === 0 ? null : foldStacks.finish(acc.fold)),
}
