// Which tasks compete, when only the whole trace can tell: the busiest CPU and the tasks with
// at least 1% of its busy time, or the threads whose comm matches. A first, cheap pass over
// the input (per CPU and task, CPU time; per task, its comm: bounded by the keys) so that
// the windows of the main pass need not keep the slices. `--tids` alone needs no such pass.
import type { Analysis } from '../analysis.js'
import { globMatcher } from '../glob-pattern.js'
import type { Segment } from '../segment.js'
import { addSwitch, appendCpuSlices, createCpuSlices, switchColumns, type CpuSlices } from './cpu-slices.js'

export interface FairnessSelection {
  /** the CPU whose slices the windows cover; null: all CPUs */
  cpu: number | null
  tids: number[]
  how: string
  /** passes over the input the analysis took: 2 when the selection needed a first one */
  input_passes: 1 | 2
}

export interface FairnessSelectionParams {
  cpu?: number
  tids?: number[]
  tasks?: string[]
  minSharePct?: number
  /** known already (a first pass chose it, or the caller did) */
  selection?: FairnessSelection
}

export interface SelectionAcc {
  slices: CpuSlices
  /** cpu -> tid -> ns */
  busyNs: Map<number, Map<number, number>>
  comms: Map<number, string>
}

/** The selection when the parameters say it without reading the trace, else null. */
export function selectionFromParams(p: FairnessSelectionParams): FairnessSelection | null {
  if (p.selection !== undefined) return p.selection
  if (p.tids === undefined || p.tasks !== undefined) return null
  return { cpu: p.cpu ?? null, tids: [...new Set(p.tids)].sort((a, b) => a - b), how: `--tids ${p.tids.join(',')}`, input_passes: 1 }
}

function addBusy(acc: SelectionAcc, tid: number, cpu: number, ns: number): void {
  let perTask = acc.busyNs.get(cpu)
  if (perTask === undefined) acc.busyNs.set(cpu, (perTask = new Map()))
  perTask.set(tid, (perTask.get(tid) ?? 0) + ns)
}

/** `byComm`: tasks are chosen by their comm (--comm), so every tid's comm is kept; else none is. */
function addSegment(acc: SelectionAcc, s: Segment, byComm: boolean): void {
  const sw = switchColumns(s)
  if (sw === null) return
  const { ts, cpu, prev, next, prevComm, nextComm } = sw
  const onSlice = (tid: number, c: number, startNs: number, endNs: number): void => addBusy(acc, tid, c, endNs - startNs)
  for (let r = 0; r < sw.rows; r++) {
    addSwitch(acc.slices, cpu[r], ts[r], prev[r], next[r], onSlice)
    if (!byComm) continue
    acc.comms.set(prev[r], prevComm.strings[prevComm.ids[r]])
    acc.comms.set(next[r], nextComm.strings[nextComm.ids[r]])
  }
}

function choose(acc: SelectionAcc, p: FairnessSelectionParams): FairnessSelection {
  const minShare = p.minSharePct ?? 1
  if (p.tasks !== undefined) {
    const byComm = globMatcher(p.tasks)
    const tids = [...acc.comms].filter(([tid, comm]) => tid !== 0 && (p.tids?.includes(tid) || byComm(comm))).map(([tid]) => tid)
    const how = [p.tids ? `--tids ${p.tids.join(',')}` : '', `--comm ${p.tasks.join(',')}`].filter(Boolean).join(' ')
    return { cpu: p.cpu ?? null, tids: tids.sort((a, b) => a - b), how, input_passes: 2 }
  }
  const total = (m: Map<number, number> | undefined): number => [...(m ?? new Map<number, number>()).values()].reduce((a, b) => a + b, 0)
  let cpu = p.cpu ?? -1
  if (p.cpu === undefined) {
    for (const c of [...acc.busyNs.keys()].sort((a, b) => a - b)) if (cpu < 0 || total(acc.busyNs.get(c)) > total(acc.busyNs.get(cpu))) cpu = c
  }
  const perTask = acc.busyNs.get(cpu) ?? new Map<number, number>()
  const least = (minShare / 100) * total(perTask)
  const tids = [...perTask].filter(([, ns]) => ns >= least).map(([tid]) => tid).sort((a, b) => a - b)
  const how = `${p.cpu === undefined ? 'busiest CPU' : `--cpu ${cpu}`}, tasks with >= ${minShare}% of its busy time, chosen by a first pass over the input`
  return { cpu, tids, how, input_passes: 2 }
}

/** The first pass: its result is the selection the fairness analysis then runs with. */
export const fairnessSelectionPass: Analysis<FairnessSelectionParams, SelectionAcc, FairnessSelection> = {
  name: 'fairness-selection',
  description: 'first pass of fairness: the competing tasks, when only the whole trace can tell',
  tables: ['sched_switch'],
  needs: () => ({ events: ['sched:sched_switch'], record: [] }),
  init: () => ({ slices: createCpuSlices(), busyNs: new Map(), comms: new Map() }),
  add(acc, s, p) {
    addSegment(acc, s, p.tasks !== undefined)
    return acc
  },
  merge(a, b) {
    for (const r of appendCpuSlices(a.slices, b.slices)) if (r.startNs !== null) addBusy(a, r.tid, r.cpu, r.endNs - r.startNs)
    for (const [cpu, perTask] of b.busyNs) for (const [tid, ns] of perTask) addBusy(a, tid, cpu, ns)
    for (const [tid, comm] of b.comms) a.comms.set(tid, comm)
    return a
  },
  finish: (acc, p) => choose(acc, p),
}
