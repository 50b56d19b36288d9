// One task's scheduling-delay state machine, as `perf sched latency` runs it
// (tools/perf/builtin-sched.c: a switch-out opens a "work atom" that waits for the CPU when
// the task was left runnable (state R) and sleeps otherwise; a wakeup of a sleeping atom makes
// it wait; the switch-in of a waiting atom closes it: delay = switch-in - wait start).
import { recordValue } from '../stats/record-value.js'
import type { LogLinearHistogram } from '../stats/histogram-types.js'

export const NONE = 0 // the task was never seen
export const SLEEPING = 1
export const WAIT_CPU = 2
export const SCHED_IN = 3
export const IGNORE = 4

export const WAKEUP = 0
export const SWITCH_IN = 1
export const SWITCH_OUT_RUNNABLE = 2
export const SWITCH_OUT_BLOCKED = 3

export interface TaskLatency {
  state: number
  waitSinceNs: number
  switchedOutNs: number
  /** when the task last ran in, for runtime; NaN while it is not running */
  runningSinceNs: number
  runtimeNs: number
  switches: number
  totalDelayNs: number
  maxDelayNs: number
  /** switch-in that ended the longest delay */
  maxDelayEndNs: number
  /** wakeups that came with an older timestamp than the task's switch-out (perf: unordered timestamps) */
  unordered: number
}

export function newTaskLatency(): TaskLatency {
  return {
    state: NONE, waitSinceNs: 0, switchedOutNs: 0, runningSinceNs: NaN, runtimeNs: 0,
    switches: 0, totalDelayNs: 0, maxDelayNs: 0, maxDelayEndNs: NaN, unordered: 0,
  }
}

/** Applies one event; delays go into `delays` as they complete. */
export function step(t: TaskLatency, kind: number, tsNs: number, delays: LogLinearHistogram): void {
  switch (kind) {
    case SWITCH_OUT_RUNNABLE:
    case SWITCH_OUT_BLOCKED:
      if (!Number.isNaN(t.runningSinceNs)) t.runtimeNs += tsNs - t.runningSinceNs
      t.runningSinceNs = NaN
      t.switchedOutNs = tsNs
      t.state = kind === SWITCH_OUT_RUNNABLE ? WAIT_CPU : SLEEPING
      if (kind === SWITCH_OUT_RUNNABLE) t.waitSinceNs = tsNs
      return
    case WAKEUP:
      if (t.state === NONE) {
        t.state = SLEEPING
        t.switchedOutNs = tsNs
      }
      if (t.state !== SLEEPING) return
      if (t.switchedOutNs > tsNs) { t.unordered++; return }
      t.state = WAIT_CPU
      t.waitSinceNs = tsNs
      return
    case SWITCH_IN: {
      t.runningSinceNs = tsNs
      if (t.state === NONE) {
        // A task first seen running: perf counts it as a switch with no delay.
        t.state = WAIT_CPU
        t.waitSinceNs = tsNs
      }
      if (t.state !== WAIT_CPU) return
      if (tsNs < t.waitSinceNs) { t.state = IGNORE; return }
      t.state = SCHED_IN
      const delay = tsNs - t.waitSinceNs
      t.switches++
      t.totalDelayNs += delay
      // Strictly greater, as perf: a task whose delays are all 0 has no time for its maximum.
      if (delay > t.maxDelayNs) { t.maxDelayNs = delay; t.maxDelayEndNs = tsNs }
      recordValue(delays, delay)
    }
  }
}

/** `earlier` followed by `later`, where `later` started from the state `earlier` ended in. */
export function appendTask(earlier: TaskLatency, later: TaskLatency): TaskLatency {
  const laterMax = later.maxDelayNs > earlier.maxDelayNs
  return {
    ...later,
    runtimeNs: earlier.runtimeNs + later.runtimeNs,
    switches: earlier.switches + later.switches,
    totalDelayNs: earlier.totalDelayNs + later.totalDelayNs,
    maxDelayNs: laterMax ? later.maxDelayNs : earlier.maxDelayNs,
    maxDelayEndNs: laterMax ? later.maxDelayEndNs : earlier.maxDelayEndNs,
    unordered: earlier.unordered + later.unordered,
  }
}
