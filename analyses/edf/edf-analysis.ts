// `exotrace analyze INPUT edf --task NAME_OR_TID:RUNTIME,DEADLINE,PERIOD`: the jobs of
// periodic (SCHED_DEADLINE) tasks rebuilt from sched_switch/sched_wakeup, with per-job
// response, lateness and misses, and the load the run was under.
// A segment logs the events of the matching threads as they come; the job state machine runs
// in `finish` over each thread's whole log, so a job spanning segments needs no replay and the
// result cannot depend on where the input was cut. The log costs a few numbers per job.
import type { Analysis } from '../analysis.js'
import { rowsBySeq } from '../rows-by-seq.js'
import { dictColumn, int32Column, int64Column, type Segment } from '../segment.js'
import { addSwitch, createCpuBusy, mergeCpuBusy, type CpuBusy } from './cpu-busy.js'
import { edfReport, type EdfResult } from './edf-report.js'
import { appendLost, collectLost, createLostRecords, type LostRecords } from '../lost-in-window.js'
import { taskMatcher, type EdfTaskSpec } from './edf-task-spec.js'
import { OUT_BLOCKED, OUT_EXITED, OUT_PREEMPTED, SWITCH_IN, WAKE, WAKING } from './task-activity.js'

export interface EdfParams {
  tasks: EdfTaskSpec[]
  /** list every job in the result */
  jobs?: boolean
  /** histogram relative error, default 0.001 */
  relativeError?: number
}

export interface TaskLog {
  spec: number
  comm: string
  kinds: number[]
  ts: number[]
}

export interface EdfAcc {
  logs: Map<number, TaskLog>
  busy: CpuBusy
  lost: LostRecords
  switchEvents: number
  /** sched_wakeup rows (sched_wakeup_new not counted: it comes in traces without sched_wakeup too) */
  wakeupEvents: number
  wakingEvents: number
}

function log(acc: EdfAcc, spec: number, tid: number, comm: string, kind: number, tsNs: number): void {
  let l = acc.logs.get(tid)
  if (l === undefined) acc.logs.set(tid, (l = { spec, comm, kinds: [], ts: [] }))
  l.comm = comm
  l.kinds.push(kind)
  l.ts.push(tsNs)
}

function switchOutKind(state: string | undefined): number {
  if (state === undefined || state.startsWith('R')) return OUT_PREEMPTED
  return state.startsWith('X') || state.startsWith('Z') ? OUT_EXITED : OUT_BLOCKED
}

function addSegment(acc: EdfAcc, s: Segment, p: EdfParams): void {
  const match = taskMatcher(p.tasks)
  const sw = s.tables.sched_switch
  const wk = s.tables.sched_wakeup
  const order = rowsBySeq([sw, wk])
  const swTs = sw ? int64Column(sw, 'ts') : null
  const swCpu = sw ? int32Column(sw, 'cpu') : null
  const prevTid = sw ? int32Column(sw, 'prev_tid') : null
  const nextTid = sw ? int32Column(sw, 'next_tid') : null
  const prevState = sw ? dictColumn(sw, 'prev_state') : null
  const prevComm = sw ? dictColumn(sw, 'prev_comm') : null
  const nextComm = sw ? dictColumn(sw, 'next_comm') : null
  const wkTs = wk ? int64Column(wk, 'ts') : null
  const wkTid = wk ? int32Column(wk, 'wakee_tid') : null
  const wkKind = wk ? dictColumn(wk, 'kind') : null
  const wkComm = wk ? dictColumn(wk, 'comm') : null
  // sched_waking is logged apart: with sched_wakeup as well every wakeup would count twice, so
  // it stands in only for a trace that has no sched_wakeup at all (decided in finish).
  const waking = wkKind ? wkKind.strings.indexOf('waking') : -1
  const wakeup = wkKind ? wkKind.strings.indexOf('wakeup') : -1
  for (let k = 0; k < order.table.length; k++) {
    const r = order.row[k]
    if (order.table[k] === 0) {
      const ts = swTs![r]
      acc.switchEvents++
      addSwitch(acc.busy, swCpu![r], ts, prevTid![r], nextTid![r])
      const pc = prevComm!.strings[prevComm!.ids[r]]
      const ps = match(prevTid![r], pc)
      if (ps >= 0 && prevTid![r] !== 0) log(acc, ps, prevTid![r], pc, switchOutKind(prevState!.strings[prevState!.ids[r]]), ts)
      const nc = nextComm!.strings[nextComm!.ids[r]]
      const ns = match(nextTid![r], nc)
      if (ns >= 0 && nextTid![r] !== 0) log(acc, ns, nextTid![r], nc, SWITCH_IN, ts)
    } else {
      const isWaking = wkKind!.ids[r] === waking
      if (isWaking) acc.wakingEvents++
      else if (wkKind!.ids[r] === wakeup) acc.wakeupEvents++
      const c = wkComm!.strings[wkComm!.ids[r]]
      const m = match(wkTid![r], c)
      if (m >= 0) log(acc, m, wkTid![r], c, isWaking ? WAKING : WAKE, wkTs![r])
    }
  }
}

/** `b` appended to `a`, which is reused: copying the logs at every merge would cost the square of their length. */
function mergeAcc(a: EdfAcc, b: EdfAcc): EdfAcc {
  for (const [tid, later] of b.logs) {
    const earlier = a.logs.get(tid)
    if (earlier === undefined) {
      a.logs.set(tid, later)
      continue
    }
    earlier.comm = later.comm
    for (let i = 0; i < later.kinds.length; i++) {
      earlier.kinds.push(later.kinds[i])
      earlier.ts.push(later.ts[i])
    }
  }
  return {
    logs: a.logs, busy: mergeCpuBusy(a.busy, b.busy), lost: appendLost(a.lost, b.lost),
    switchEvents: a.switchEvents + b.switchEvents, wakeupEvents: a.wakeupEvents + b.wakeupEvents, wakingEvents: a.wakingEvents + b.wakingEvents,
  }
}

export const edfAnalysis: Analysis<EdfParams, EdfAcc, EdfResult> = {
  name: 'edf',
  description: 'jobs of periodic/SCHED_DEADLINE tasks (--task NAME_OR_TID:RUNTIME,DEADLINE,PERIOD): response, lateness, tardiness, deadline misses, miss rate, measured load',
  tables: ['sched_switch', 'sched_wakeup', 'lost'],
  needs: () => ({
    events: ['sched:sched_switch', 'sched:sched_wakeup (or sched:sched_waking)', 'sched:sched_wakeup_new'],
    record: ['perf record -a -e sched:sched_switch,sched:sched_wakeup,sched:sched_wakeup_new -- rt-app edf.json',
      'trace-cmd record -e sched:sched_switch -e sched:sched_wakeup -e sched:sched_wakeup_new -- rt-app edf.json'],
  }),
  init: () => ({ logs: new Map(), busy: createCpuBusy(), lost: createLostRecords(), switchEvents: 0, wakeupEvents: 0, wakingEvents: 0 }),
  add(acc, s, p) {
    addSegment(acc, s, p)
    collectLost(acc.lost, s)
    return acc
  },
  merge: mergeAcc,
  finish(acc, p, coverage) {
    if (acc.switchEvents === 0 || acc.wakeupEvents + acc.wakingEvents === 0) return null
    return edfReport(acc, p, coverage)
  },
}
