// Off-CPU stacks: each time a task is switched out (a sched_switch recorded with its call
// chain: `perf record -e sched:sched_switch -g`), its stack is weighed by the time until the
// task ran again, in ns. The folded output reads like stackcollapse-perf.pl's, so flame graphs
// of where threads block draw like CPU profiles.
//
// "Ran again" as `perf sched timehist` measures its wait time: a task that switches out on a
// CPU ran since that CPU's previous switch, so its time off CPU is (that switch) - (its own
// last switch-out). The switch-in itself may be missing (perf records nothing for some idle
// tasks, see fixtures-real/MANIFEST.md "perf gaps"); the CPU's previous switch stands in for it.
// A task still off CPU, or not yet switched out again, when the trace ends adds nothing.
// Across segments, a task's first switch-out in a later segment closes its wait from an
// earlier one; `merge` carries the open waits and each CPU's last switch.
import type { Analysis } from '../analysis.js'
import { foldedNodes, frameRecords } from '../fold/fold-analysis.js'
import { taskNames } from '../fold/stack-rows.js'
import { addFoldedSample, foldStacks, transplantNode, type FoldAccumulator, type FoldedStacks, type FoldOptions } from '../fold/fold-stacks.js'
import { dictColumn, int32Column, int64Column, type Segment } from '../segment.js'

export type OffCpuOptions = Omit<FoldOptions, 'count' | 'eventFilter'>

interface Blocked {
  /** switch-out time, ns */
  ts: number
  /** folded stack node */
  node: number
  comm: string
  /** the thread's process when the trace printed it (`--pid`), else -1 */
  pid: number
}

interface FirstOut {
  cpu: number
  /** the CPU's previous switch in this span, or null: it lies in an earlier span */
  previousSwitchNs: number | null
}

export interface OffCpuAccumulator {
  fold: FoldAccumulator
  /** tid -> its last switch-out */
  blocked: Map<number, Blocked>
  /** tid -> its first switch-out in this span, for tids not seen before it in this span */
  firstOut: Map<number, FirstOut>
  /** cpu -> time of its last switch in this span */
  lastSwitchNs: Map<number, number>
  seen: Set<number>
}

// The event the weights are counted under (one event: no filtering applies).
const EVENT = 'sched:sched_switch'

function init(options: OffCpuOptions): OffCpuAccumulator {
  return { fold: foldStacks.init({ ...options, count: 'period' }), blocked: new Map(), firstOut: new Map(), lastSwitchNs: new Map(), seen: new Set() }
}

/** Weighs the blocked stack by the time until `ranAgainNs`, as timehist skips "time travel". */
function closeWait(fold: FoldAccumulator, tid: number, b: Blocked, ranAgainNs: number | null | undefined): void {
  if (ranAgainNs === null || ranAgainNs === undefined || ranAgainNs <= b.ts) return
  addFoldedSample(fold, { comm: b.comm, pid: b.pid < 0 ? null : b.pid, tid, event: EVENT, period: ranAgainNs - b.ts }, b.node)
}

function add(acc: OffCpuAccumulator, segment: Segment): OffCpuAccumulator {
  const sw = segment.tables.sched_switch
  if (sw === undefined || sw.rows === 0) return acc
  const ts = int64Column(sw, 'ts')
  const cpu = int32Column(sw, 'cpu')
  const prevTid = int32Column(sw, 'prev_tid')
  const prevComm = dictColumn(sw, 'prev_comm')
  const stackId = int32Column(sw, 'stack_id')
  const frames = segment.tables.frame === undefined ? [] : frameRecords(segment.tables.frame, acc.fold.options)
  const nodeOf = foldedNodes(acc.fold, segment, frames)
  const tasks = taskNames(segment.tables.task)
  for (let r = 0; r < sw.rows; r++) {
    const tid = prevTid[r]
    const previousSwitchNs = acc.lastSwitchNs.get(cpu[r])
    if (tid > 0) { // the idle task is never off CPU
      const b = acc.blocked.get(tid)
      if (b !== undefined) closeWait(acc.fold, tid, b, previousSwitchNs)
      else if (!acc.seen.has(tid)) acc.firstOut.set(tid, { cpu: cpu[r], previousSwitchNs: previousSwitchNs ?? null })
      const comm = prevComm.ids[r] < 0 ? '' : prevComm.strings[prevComm.ids[r]]
      // frames named as printed when they print no dso (ftrace `<stack trace>` blocks)
      acc.blocked.set(tid, { ts: ts[r], node: stackId[r] < 0 ? -1 : nodeOf(stackId[r], comm, true), comm, pid: tasks.get(tid)?.pid ?? -1 })
      acc.seen.add(tid)
    }
    acc.lastSwitchNs.set(cpu[r], ts[r])
  }
  return acc
}

function merge(earlier: OffCpuAccumulator, later: OffCpuAccumulator): OffCpuAccumulator {
  for (const [tid, first] of later.firstOut) {
    const previousSwitchNs = first.previousSwitchNs ?? earlier.lastSwitchNs.get(first.cpu) ?? null
    const b = earlier.blocked.get(tid)
    if (b !== undefined) closeWait(earlier.fold, tid, b, previousSwitchNs)
    else if (!earlier.seen.has(tid)) earlier.firstOut.set(tid, { cpu: first.cpu, previousSwitchNs })
  }
  for (const [tid, b] of later.blocked) earlier.blocked.set(tid, { ...b, node: transplantNode(later.fold, earlier.fold, b.node) })
  for (const [c, t] of later.lastSwitchNs) earlier.lastSwitchNs.set(c, t)
  for (const tid of later.seen) earlier.seen.add(tid)
  foldStacks.merge(earlier.fold, later.fold)
  return earlier
}

export const offCpuAnalysis: Analysis<OffCpuOptions, OffCpuAccumulator, FoldedStacks> = {
  name: 'offcpu',
  description: 'off-CPU stacks: each switched-out stack weighed by the ns until its task ran again',
  tables: ['sched_switch', 'frame', 'task'],
  needs: () => ({ events: ['sched:sched_switch with call chains'], record: ['perf record -e sched:sched_switch -g -a -- sleep 10'] }),
  init,
  add: (acc, segment) => add(acc, segment),
  merge: (a, b) => merge(a, b),
  finish: (acc) => (acc.fold.weights.length === 0 ? null : foldStacks.finish(acc.fold)),
}
