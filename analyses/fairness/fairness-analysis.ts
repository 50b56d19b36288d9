// `exotrace analyze INPUT fairness [--cpu N | --tids A,B | --comm PATTERN] [--window N]`: how
// evenly competing tasks share the CPU. CPU time per task from its slices (switch-in to
// switch-out); over sliding windows of N context switches, the CV of the tasks' shares (%) and
// Jain's index, and the worst window. By default the competing tasks are those of the busiest
// CPU that got at least 1% of its busy time (the kworkers passing by are not competitors):
// known only at the end, so a first pass over the input chooses them (fairness-selection.ts).
// Memory is bounded by tasks, CPUs and N, never by the slices (window-runs.ts).
import type { Analysis, Coverage } from '../analysis.js'
import { appendLost, collectLost, createLostRecords, windowCoverage, type LostRecords, type WindowCoverage } from '../lost-in-window.js'
import type { Segment } from '../segment.js'
import { exactSumOf } from '../stats/exact-sum.js'
import { histogramRelativeError } from '../stats/histogram-relative-error.js'
import { valueAtQuantile } from '../stats/value-at-quantile.js'
import { addSwitch, appendCpuSlices, createCpuSlices, switchColumns, type CpuSlices } from './cpu-slices.js'
import { fairnessSelectionPass, selectionFromParams, type FairnessSelection, type FairnessSelectionParams } from './fairness-selection.js'
import { appendWindowRuns, createWindowRuns, finishWindowRuns, pushPending, pushSlice, type SequenceSlice, type WindowRuns } from './window-runs.js'

export interface FairnessParams extends FairnessSelectionParams {
  /** context switches per window, default 1000 */
  windowSwitches?: number
}

export interface FairnessAcc {
  slices: CpuSlices
  /** of the selected tasks */
  comms: Map<number, string>
  /** per selected task (in tid order), over all CPUs */
  totalNs: number[]
  /** per selected task, within the slices the windows cover */
  windowNs: number[]
  windowSlices: number[]
  firstWindowStartNs: number
  runs: WindowRuns
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

export interface WindowFairness {
  /** windows evaluated; with fewer slices than N, one window of all of them */
  windows: number
  window_slices: number
  mean_cv_pct: number
  /** median and 99th percentile of the windows' CVs, from a log-linear histogram of them */
  p50_cv_pct: number
  p99_cv_pct: number
  /** the largest relative error of p50_cv_pct and p99_cv_pct against an exact sort */
  cv_percentile_relative_error: number
  max_cv_pct: number
  mean_jain_index: number
  min_jain_index: number
  worst: { first_slice: number; last_slice: number; cv_pct: number; jain_index: number; cpu_ns: number[] }
  worst_start_ns: number
  worst_end_ns: number
  /** what is exact and what is not */
  how_measured: string
}

export interface FairnessResult {
  unit: 'ns'
  coverage: Coverage & WindowCoverage & { mismatched_switches: number }
  selection: { cpu: number | null; how: string; input_passes: 1 | 2 }
  tasks: FairnessTask[]
  window_switches: number
  /** null with fewer than two competing tasks */
  fairness: WindowFairness | null
  /** the headline figures: the worst window's CV and Jain index */
  total: { cv_pct: number | null; jain_index: number | null; windows: number }
}

const HOW_MEASURED = 'windows, task CPU times, max CV, min Jain index and the worst window are exact; the means are exact sums (the same however the trace is cut) ' +
  'divided by the window count; p50 and p99 of the CV come from a log-linear histogram of the windows\' CVs, within cv_percentile_relative_error of an exact sort'

/**
 * The selection is known after the runner's selection pass, or from --tids. Before it (a
 * caller trying the parameters on an empty segment) no task is selected; a result would be
 * wrong, so finish throws.
 */
const NONE: FairnessSelection = { cpu: null, tids: [], how: '', input_passes: 1 }

/** Each selected task's index (tid order), and whether the windows cover a CPU's slices. */
function selectionIndex(sel: FairnessSelection): { index: Map<number, number>; covered: (cpu: number) => boolean } {
  return { index: new Map(sel.tids.map((tid, k) => [tid, k])), covered: (cpu) => sel.cpu === null || cpu === sel.cpu }
}

function countSlice(acc: FairnessAcc, k: number, s: SequenceSlice | null, ns: number): void {
  acc.totalNs[k] += ns
  if (s === null) return
  acc.windowNs[k] += ns
  acc.windowSlices[k]++
  if (s.startNs < acc.firstWindowStartNs) acc.firstWindowStartNs = s.startNs
}

function addSegment(acc: FairnessAcc, s: Segment, sel: FairnessSelection): void {
  const sw = switchColumns(s)
  if (sw === null) return
  const { ts, cpu, prev, next, prevComm, nextComm } = sw
  const { index, covered } = selectionIndex(sel)
  const onSlice = (tid: number, c: number, startNs: number, endNs: number): void => {
    const k = index.get(tid)
    if (k === undefined) return
    const slice = covered(c) ? { task: k, ns: endNs - startNs, startNs, endNs } : null
    countSlice(acc, k, slice, endNs - startNs)
    if (slice !== null) pushSlice(acc.runs, slice)
  }
  for (let r = 0; r < sw.rows; r++) {
    const pending = addSwitch(acc.slices, cpu[r], ts[r], prev[r], next[r], onSlice)
    if (index.has(prev[r])) {
      if (pending && covered(cpu[r])) pushPending(acc.runs, cpu[r])
      acc.comms.set(prev[r], prevComm.strings[prevComm.ids[r]])
    }
    if (index.has(next[r])) acc.comms.set(next[r], nextComm.strings[nextComm.ids[r]])
  }
  acc.switchEvents += sw.rows
}

function merge(a: FairnessAcc, b: FairnessAcc, sel: FairnessSelection): FairnessAcc {
  const { index, covered } = selectionIndex(sel)
  const fates = new Map<number, SequenceSlice | null>()
  for (const r of appendCpuSlices(a.slices, b.slices)) {
    const k = index.get(r.tid)
    if (k === undefined) continue
    const inWindows = covered(r.cpu)
    const slice = r.startNs === null ? null : { task: k, ns: r.endNs - r.startNs, startNs: r.startNs, endNs: r.endNs }
    if (inWindows) fates.set(r.cpu, slice)
    if (slice !== null) countSlice(a, k, inWindows ? slice : null, slice.ns)
  }
  for (let k = 0; k < a.totalNs.length; k++) {
    a.totalNs[k] += b.totalNs[k]
    a.windowNs[k] += b.windowNs[k]
    a.windowSlices[k] += b.windowSlices[k]
  }
  a.firstWindowStartNs = Math.min(a.firstWindowStartNs, b.firstWindowStartNs)
  for (const [tid, comm] of b.comms) a.comms.set(tid, comm)
  appendWindowRuns(a.runs, b.runs, fates)
  appendLost(a.lost, b.lost)
  a.switchEvents += b.switchEvents
  return a
}

function report(acc: FairnessAcc, p: FairnessParams, coverage: Coverage): FairnessResult {
  const sel = selectionFromParams(p)
  if (sel === null) throw new Error('internal: fairness finishes after its selection pass (runAnalyses), or with --tids')
  const end = finishWindowRuns(acc.runs)
  const st = end.stats
  const allNs = acc.windowNs.reduce((a, b) => a + b, 0)
  const width = Math.min(acc.runs.width, end.slices)
  const fairness: WindowFairness | null = sel.tids.length < 2 || st.worst === null ? null : {
    windows: st.windows,
    window_slices: width,
    mean_cv_pct: exactSumOf(st.cvPartials) / st.defined,
    p50_cv_pct: valueAtQuantile(st.cvPct, 0.5),
    p99_cv_pct: valueAtQuantile(st.cvPct, 0.99),
    cv_percentile_relative_error: histogramRelativeError(st.cvPct),
    max_cv_pct: st.worst.cv_pct,
    mean_jain_index: exactSumOf(st.jainPartials) / st.defined,
    min_jain_index: st.minJain,
    worst: { first_slice: st.worst.position, last_slice: st.worst.position + width - 1, cv_pct: st.worst.cv_pct, jain_index: st.worst.jain_index, cpu_ns: st.worst.cpu_ns },
    worst_start_ns: st.worst.start_ns,
    worst_end_ns: st.worst.end_ns,
    how_measured: HOW_MEASURED,
  }
  return {
    unit: 'ns',
    coverage: {
      ...windowCoverage(coverage, acc.lost, end.last === null ? null : acc.firstWindowStartNs, end.last?.endNs ?? null, acc.switchEvents),
      mismatched_switches: acc.slices.mismatched,
    },
    selection: { cpu: sel.cpu, how: sel.how, input_passes: sel.input_passes },
    tasks: sel.tids.map((tid, k) => ({
      tid, comm: acc.comms.get(tid) ?? '', cpu_ns: acc.totalNs[k], slices: acc.windowSlices[k], share_pct: allNs > 0 ? (100 * acc.windowNs[k]) / allNs : 0,
    })),
    window_switches: acc.runs.width,
    fairness,
    total: { cv_pct: fairness?.max_cv_pct ?? null, jain_index: fairness?.min_jain_index ?? null, windows: fairness?.windows ?? 0 },
  }
}

export const fairnessAnalysis: Analysis<FairnessParams, FairnessAcc, FairnessResult> = {
  name: 'fairness',
  description: 'CPU share of competing tasks (--cpu, --tids, --comm; default the busiest CPU, chosen by a first pass over the input): CPU time per task, CV of the shares and Jain index over sliding windows of N switches (--window, 1000), the worst window',
  tables: ['sched_switch', 'lost'],
  prepare: {
    pass: fairnessSelectionPass,
    needed: (p) => selectionFromParams(p) === null,
    apply: (p, selection) => ({ ...p, selection: selection as FairnessSelection }),
  },
  needs: () => ({
    events: ['sched:sched_switch'],
    record: ['perf record -a -e sched:sched_switch -- stress-ng --cpu 4 --sched rr --taskset 0 -t 60', 'trace-cmd record -e sched:sched_switch -- stress-ng --cpu 4 --sched rr --taskset 0 -t 60'],
  }),
  init(p) {
    const tasks = (selectionFromParams(p) ?? NONE).tids.length
    return {
      slices: createCpuSlices(), comms: new Map(), totalNs: new Array(tasks).fill(0), windowNs: new Array(tasks).fill(0), windowSlices: new Array(tasks).fill(0),
      firstWindowStartNs: Infinity, runs: createWindowRuns(p.windowSwitches ?? 1000, tasks), lost: createLostRecords(), switchEvents: 0,
    }
  },
  add(acc, s, p) {
    addSegment(acc, s, selectionFromParams(p) ?? NONE)
    collectLost(acc.lost, s)
    return acc
  },
  merge: (a, b, p) => merge(a, b, selectionFromParams(p) ?? NONE),
  finish(acc, p, coverage) {
    if (acc.switchEvents === 0) return null
    return report(acc, p, coverage)
  },
}
