// `exotrace analyze INPUT fairness [--cpu N | --tids A,B | --comm PATTERN] [--window N]`: how
// evenly competing tasks share the CPU. CPU time per task from its slices (switch-in to
// switch-out); over sliding windows of N context switches, the CV of the tasks' shares (%) and
// Jain's index, and the worst window. By default the competing tasks are those of the busiest
// CPU that got at least 1% of its busy time (the kworkers passing by are not competitors).
import type { Analysis, Coverage } from '../analysis.js'
import { globRegExp } from '../glob-pattern.js'
import { appendLost, collectLost, createLostRecords, windowCoverage, type LostRecords, type WindowCoverage } from '../lost-in-window.js'
import { dictColumn, int32Column, int64Column, type Segment } from '../segment.js'
import { addSlice, appendSlices, createCpuSlices, type CpuSlices } from './cpu-slices.js'
import { slidingWindowFairness, type WindowFairness } from './sliding-window-fairness.js'

export interface FairnessParams {
  cpu?: number
  tids?: number[]
  /** comm patterns (`*` and `?` wildcards), as spec selectors name tasks */
  tasks?: string[]
  /** context switches per window, default 1000 */
  windowSwitches?: number
  /** for --cpu and the default: least share of the CPU's busy time a competing task has, default 1 */
  minSharePct?: number
}

export interface FairnessAcc {
  slices: CpuSlices
  comms: Map<number, string>
  lost: LostRecords
  switchEvents: number
}

export interface FairnessTask {
  tid: number
  comm: string
  /** over all CPUs, whole trace */
  cpu_ns: number
  /** within the slices the windows cover (the chosen CPU, when one is) */
  slices: number
  share_pct: number
}

export interface FairnessResult {
  unit: 'ns'
  coverage: Coverage & WindowCoverage & { mismatched_switches: number }
  selection: { cpu: number | null; how: string }
  tasks: FairnessTask[]
  window_switches: number
  /** null with fewer than two competing tasks */
  fairness: (WindowFairness & { worst_start_ns: number; worst_end_ns: number }) | null
  /** the headline figures: the worst window's CV and Jain index */
  total: { cv_pct: number | null; jain_index: number | null; windows: number }
}

function addSegment(acc: FairnessAcc, s: Segment): void {
  const sw = s.tables.sched_switch
  if (sw === undefined) return
  const ts = int64Column(sw, 'ts')
  const cpu = int32Column(sw, 'cpu')
  const prev = int32Column(sw, 'prev_tid')
  const next = int32Column(sw, 'next_tid')
  const prevComm = dictColumn(sw, 'prev_comm')
  const nextComm = dictColumn(sw, 'next_comm')
  for (let r = 0; r < sw.rows; r++) {
    addSlice(acc.slices, cpu[r], ts[r], prev[r], next[r])
    acc.comms.set(prev[r], prevComm.strings[prevComm.ids[r]])
    acc.comms.set(next[r], nextComm.strings[nextComm.ids[r]])
  }
  acc.switchEvents += sw.rows
}

function chooseTasks(acc: FairnessAcc, p: FairnessParams, valid: boolean[]): { cpu: number | null; tids: Set<number>; how: string } {
  const s = acc.slices
  if (p.tids !== undefined || p.tasks !== undefined) {
    const patterns = (p.tasks ?? []).map(globRegExp)
    const byComm = (comm: string): boolean => patterns.some((r) => r.test(comm))
    const tids = new Set<number>()
    for (const [tid, comm] of acc.comms) if (tid !== 0 && (p.tids?.includes(tid) || (p.tasks && byComm(comm)))) tids.add(tid)
    return { cpu: p.cpu ?? null, tids, how: p.tids ? `--tids ${p.tids.join(',')}` : `--comm ${p.tasks!.join(',')}` }
  }
  const busyByCpu = new Map<number, number>()
  for (let i = 0; i < s.tid.length; i++) if (valid[i]) busyByCpu.set(s.cpu[i], (busyByCpu.get(s.cpu[i]) ?? 0) + s.endNs[i] - s.startNs[i])
  let cpu = p.cpu ?? -1
  if (p.cpu === undefined) for (const [c, ns] of busyByCpu) if (cpu < 0 || ns > busyByCpu.get(cpu)! || (ns === busyByCpu.get(cpu)! && c < cpu)) cpu = c
  const perTask = new Map<number, number>()
  for (let i = 0; i < s.tid.length; i++) if (valid[i] && s.cpu[i] === cpu) perTask.set(s.tid[i], (perTask.get(s.tid[i]) ?? 0) + s.endNs[i] - s.startNs[i])
  const least = ((p.minSharePct ?? 1) / 100) * (busyByCpu.get(cpu) ?? 0)
  const tids = new Set([...perTask].filter(([, ns]) => ns >= least).map(([tid]) => tid))
  return { cpu, tids, how: p.cpu === undefined ? `busiest CPU, tasks with >= ${p.minSharePct ?? 1}% of its busy time` : `--cpu ${cpu}, tasks with >= ${p.minSharePct ?? 1}% of its busy time` }
}

function report(acc: FairnessAcc, p: FairnessParams, coverage: Coverage): FairnessResult {
  const s = acc.slices
  const valid = s.startNs.map((x) => !Number.isNaN(x))
  const chosen = chooseTasks(acc, p, valid)
  const order = [...chosen.tids].sort((a, b) => a - b)
  const indexOf = new Map(order.map((tid, i) => [tid, i]))
  const totalNs = new Float64Array(order.length)
  const windowTask: number[] = []
  const windowNs: number[] = []
  const windowStart: number[] = []
  const windowEnd: number[] = []
  for (let i = 0; i < s.tid.length; i++) {
    const k = indexOf.get(s.tid[i])
    if (k === undefined || !valid[i]) continue
    totalNs[k] += s.endNs[i] - s.startNs[i]
    if (chosen.cpu !== null && s.cpu[i] !== chosen.cpu) continue
    windowTask.push(k)
    windowNs.push(s.endNs[i] - s.startNs[i])
    windowStart.push(s.startNs[i])
    windowEnd.push(s.endNs[i])
  }
  const windowSwitches = p.windowSwitches ?? 1000
  const inWindows = new Float64Array(order.length)
  const slices = new Int32Array(order.length)
  for (let i = 0; i < windowTask.length; i++) { inWindows[windowTask[i]] += windowNs[i]; slices[windowTask[i]]++ }
  const allNs = inWindows.reduce((a, b) => a + b, 0)
  const f = order.length < 2 ? null : slidingWindowFairness(windowTask, windowNs, order.length, windowSwitches)
  return {
    unit: 'ns',
    coverage: {
      ...windowCoverage(coverage, acc.lost, windowStart.length ? windowStart.reduce((a, b) => (b < a ? b : a)) : null,
        windowEnd.length ? windowEnd[windowEnd.length - 1] : null, acc.switchEvents),
      mismatched_switches: s.mismatched,
    },
    selection: { cpu: chosen.cpu, how: chosen.how },
    tasks: order.map((tid, k) => ({ tid, comm: acc.comms.get(tid) ?? '', cpu_ns: totalNs[k], slices: slices[k], share_pct: allNs > 0 ? (100 * inWindows[k]) / allNs : 0 })),
    window_switches: windowSwitches,
    fairness: f === null ? null : { ...f, worst_start_ns: windowStart[f.worst.first_slice], worst_end_ns: windowEnd[f.worst.last_slice] },
    total: { cv_pct: f?.max_cv_pct ?? null, jain_index: f?.min_jain_index ?? null, windows: f?.windows ?? 0 },
  }
}

export const fairnessAnalysis: Analysis<FairnessParams, FairnessAcc, FairnessResult> = {
  name: 'fairness',
  description: 'CPU share of competing tasks (--cpu, --tids, --comm; default the busiest CPU): CPU time per task, CV of the shares and Jain index over sliding windows of N switches (--window, 1000), the worst window',
  tables: ['sched_switch', 'lost'],
  needs: () => ({
    events: ['sched:sched_switch'],
    record: ['perf record -a -e sched:sched_switch -- stress-ng --cpu 4 --sched rr --taskset 0 -t 60', 'trace-cmd record -e sched:sched_switch -- stress-ng --cpu 4 --sched rr --taskset 0 -t 60'],
  }),
  init: () => ({ slices: createCpuSlices(), comms: new Map(), lost: createLostRecords(), switchEvents: 0 }),
  add(acc, s) {
    addSegment(acc, s)
    collectLost(acc.lost, s)
    return acc
  },
  merge(a, b) {
    for (const [tid, comm] of b.comms) a.comms.set(tid, comm)
    return { slices: appendSlices(a.slices, b.slices), comms: a.comms, lost: appendLost(a.lost, b.lost), switchEvents: a.switchEvents + b.switchEvents }
  },
  finish(acc, p, coverage) {
    if (acc.switchEvents === 0) return null
    return report(acc, p, coverage)
  },
}
