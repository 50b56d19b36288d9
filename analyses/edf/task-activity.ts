// A periodic task's scheduling events, read back as the moments that matter to its jobs.
// A job ends when the task blocks (switched out asleep), when it exits, or when it is woken
// while still on a run queue: the kernel traces a wakeup only of a task that had set itself
// to sleep, so such a wakeup means the task waited (clock_nanosleep to its next release)
// and that release had already passed — one job ended and the next began without a block.

export const WAKE = 0
export const SWITCH_IN = 1
export const OUT_PREEMPTED = 2
export const OUT_BLOCKED = 3
export const OUT_EXITED = 4
/** sched_waking: read as WAKE when the trace has no sched_wakeup, ignored otherwise */
export const WAKING = 5

/** A wakeup of a sleeping (or never seen) task: a job may begin. */
export const ACTIVATION = 0
/** The task blocked or exited: the job it ran is over. */
export const BLOCK = 1
/** A wakeup while running or runnable: the task's wait ended before it could block. */
export const WAKE_WHILE_RUNNING = 2
/** The task exited: the job it ran ended at the latest then. */
export const EXIT = 3

export interface ActivityPoint {
  kind: number
  tsNs: number
  /** the task's CPU time from the start of the instance to this point */
  cpuNs: number
}

export interface TaskInstance {
  points: ActivityPoint[]
  exited: boolean
  /** still running or runnable when its events end */
  runnableAtEnd: boolean
  /** switch-ins of a task already running: switch-outs lost */
  lostSwitchOuts: number
}

const UNKNOWN = 0
const RUNNING = 1
const RUNNABLE = 2
const BLOCKED = 3

/** Splits a thread's event log at its exits (pid reuse) and reads each life into points. */
export function taskInstances(kinds: readonly number[], ts: readonly number[], wakeupsFrom: typeof WAKE | typeof WAKING = WAKE): TaskInstance[] {
  const out: TaskInstance[] = []
  let cur: TaskInstance = { points: [], exited: false, runnableAtEnd: false, lostSwitchOuts: 0 }
  let state = UNKNOWN
  let runSince = NaN
  let cpuNs = 0
  const cpuAt = (t: number): number => (state === RUNNING ? cpuNs + (t - runSince) : cpuNs)
  for (let i = 0; i < kinds.length; i++) {
    const t = ts[i]
    const kind = kinds[i] === wakeupsFrom ? WAKE : kinds[i]
    switch (kind) {
      case SWITCH_IN:
        if (state === RUNNING) cur.lostSwitchOuts++
        else runSince = t
        state = RUNNING
        break
      case OUT_PREEMPTED:
        cpuNs = cpuAt(t)
        state = RUNNABLE
        break
      case OUT_BLOCKED:
      case OUT_EXITED:
        cpuNs = cpuAt(t)
        state = BLOCKED
        cur.points.push({ kind: kind === OUT_EXITED ? EXIT : BLOCK, tsNs: t, cpuNs })
        if (kind === OUT_EXITED) {
          cur.exited = true
          out.push(cur)
          cur = { points: [], exited: false, runnableAtEnd: false, lostSwitchOuts: 0 }
          state = UNKNOWN
          cpuNs = 0
        }
        break
      case WAKE:
        if (state === BLOCKED || state === UNKNOWN) {
          cur.points.push({ kind: ACTIVATION, tsNs: t, cpuNs })
          state = RUNNABLE
        } else {
          cur.points.push({ kind: WAKE_WHILE_RUNNING, tsNs: t, cpuNs: cpuAt(t) })
        }
        break
    }
  }
  if (cur.points.length > 0) {
    cur.runnableAtEnd = state === RUNNING || state === RUNNABLE
    out.push(cur)
  }
  return out
}
