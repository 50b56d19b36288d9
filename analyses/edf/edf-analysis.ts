// `exotrace analyze INPUT edf --task NAME_OR_TID:RUNTIME,DEADLINE,PERIOD`: the jobs of
// periodic (SCHED_DEADLINE) tasks rebuilt from sched_switch/sched_wakeup, with per-job
// response, lateness and misses, and the load the run was under.
// A segment logs the events of the matching threads as they come; the job state machine runs
// in `finish` over each thread's whole log, so a job spanning segments needs no replay and the
// result cannot depend on where the input was cut. The log costs a few numbers per job.
import type { Analysis } from '../analysis.js'
import { walkSchedEvents } from '../sched-events.js'
import type { Segment } from '../segment.js'
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
  walkSchedEvents(s, {
    onSwitch(e) {
      acc.switchEvents++
      addSwitch(acc.busy, e.cpu, e.tsNs, e.prevTid, e.nextTid)
      const ps = match(e.prevTid, e.prevComm)
      if (ps >= 0 && e.prevTid !== 0) log(acc, ps, e.prevTid, e.prevComm, switchOutKind(e.prevState ?? undefined), e.tsNs)
      const ns = match(e.nextTid, e.nextComm)
      if (ns >= 0 && e.nextTid !== 0) log(acc, ns, e.nextTid, e.nextComm, SWITCH_IN, e.tsNs)
    },
    // sched_waking is logged apart: with sched_wakeup as well every wakeup would count twice, so
    // it stands in only for a trace that has no sched_wakeup at all (decided in finish).
    onWakeup(e) {
      const isWaking = e.kind === 'waking'
      if (isWaking) acc.wakingEvents++
      else if (e.kind === 'wakeup') acc.wakeupEvents++
      const m = match(e.tid, e.comm)
      if (m >= 0) log(acc, m, e.tid, e.comm, isWaking ? WAKING : WAKE, e.tsNs)
    },
  })
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
