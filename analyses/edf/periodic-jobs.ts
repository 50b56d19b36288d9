// Jobs of a periodic task rebuilt from its activity, as LITMUS^RT's st-job-stats reports them
// (response = completion - release, lateness = completion - deadline, tardiness = max(0,
// lateness)), from stock sched tracepoints. Job k is released at anchor + k * period. The
// anchor is the first activation, moved back to the least late of the activations in
// phase with the grid: a first wakeup that came late does not shift every deadline after it.
// A late wakeup counts against its job (its release stays on the grid).
import { ACTIVATION, BLOCK, EXIT, WAKE_WHILE_RUNNING, type TaskInstance } from './task-activity.js'

export interface Job {
  job: number
  release_ns: number
  deadline_ns: number
  /** the activation that started it; null when it followed the previous job without a sleep */
  wakeup_ns: number | null
  /** null when the trace cannot show it (see completed_by) */
  completion_ns: number | null
  /**
   * block | wakeup_while_running | exit (the task exited before sleeping again: its end is at
   * most then, so response and lateness are upper bounds) | unseen (a later job's block ended
   * it: it finished after the next release) | trace_end
   */
  completed_by: 'block' | 'wakeup_while_running' | 'exit' | 'unseen' | 'trace_end'
  response_ns: number | null
  lateness_ns: number | null
  tardiness_ns: number | null
  /** a bound when the completion is unseen: it came after the next release (or the end of the trace) */
  lateness_at_least_ns: number | null
  /** CPU time from the previous job's end to this one's */
  cpu_ns: number | null
  miss: boolean
}

export interface JobDiagnostics {
  /** activations with no job released (wakeups off the period grid) */
  extra_activations: number
  /** blocks with no job pending (the task slept twice in one job) */
  extra_blocks: number
  /** wakeups while running with no job pending */
  ignored_wakeups: number
  /** jobs released before the end of the events whose deadline lies after it: not counted */
  unfinished_jobs: number
}

export interface PeriodicJobs {
  anchor_ns: number
  jobs: Job[]
  /** CPU time from the first release to the last job's end */
  cpu_ns: number
  diagnostics: JobDiagnostics
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[(s.length - 1) >> 1]
}

/** The grid origin: activations' phases against the first one, the least late of those near the typical phase. */
export function releaseAnchor(activationsNs: number[], periodNs: number): number {
  const first = activationsNs[0]
  const phases = activationsNs.map((t) => {
    const k = Math.round((t - first) / periodNs)
    return t - first - k * periodNs
  })
  const jitterNs = Math.min(periodNs / 10, 1e6)
  const typical = median(phases)
  let least = Infinity
  for (const p of phases) if (p >= typical - jitterNs && p < least) least = p
  return first + least
}

export function periodicJobs(inst: TaskInstance, deadlineNs: number, periodNs: number, endNs: number): PeriodicJobs | null {
  const pts = inst.points
  const firstAct = pts.findIndex((p) => p.kind === ACTIVATION)
  if (firstAct < 0) return null
  const anchor = releaseAnchor(pts.filter((p, i) => i >= firstAct && p.kind === ACTIVATION).map((p) => p.tsNs), periodNs)
  const jitterNs = Math.min(periodNs / 10, 1e6)
  const jobs: Job[] = []
  const diagnostics: JobDiagnostics = { extra_activations: 0, extra_blocks: 0, ignored_wakeups: 0, unfinished_jobs: 0 }
  let pending = 0
  let lastEndCpu = pts[firstAct].cpuNs
  const releaseUpTo = (t: number): void => {
    for (let r = anchor + jobs.length * periodNs; r <= t; r = anchor + jobs.length * periodNs) {
      jobs.push({
        job: jobs.length, release_ns: r, deadline_ns: r + deadlineNs, wakeup_ns: null, completion_ns: null, completed_by: 'unseen',
        response_ns: null, lateness_ns: null, tardiness_ns: null, lateness_at_least_ns: null, cpu_ns: null, miss: false,
      })
    }
  }
  const complete = (j: Job, t: number, by: Job['completed_by'], cpuNs: number): void => {
    j.completion_ns = t
    j.completed_by = by
    j.response_ns = t - j.release_ns
    j.lateness_ns = t - j.deadline_ns
    j.tardiness_ns = Math.max(0, j.lateness_ns)
    j.cpu_ns = cpuNs - lastEndCpu
    j.miss = t > j.deadline_ns
    lastEndCpu = cpuNs
  }
  const unseen = (j: Job, boundNs: number, by: Job['completed_by']): void => {
    j.completed_by = by
    j.lateness_at_least_ns = boundNs - j.deadline_ns
    j.miss = true
  }
  for (let i = firstAct; i < pts.length; i++) {
    const p = pts[i]
    if (p.kind === ACTIVATION) {
      releaseUpTo(p.tsNs + jitterNs)
      if (pending < jobs.length) jobs[pending].wakeup_ns ??= p.tsNs
      else diagnostics.extra_activations++
      continue
    }
    releaseUpTo(p.tsNs)
    if (pending === jobs.length) {
      if (p.kind !== WAKE_WHILE_RUNNING) diagnostics.extra_blocks++
      else diagnostics.ignored_wakeups++
      continue
    }
    if (p.kind === BLOCK) {
      // Jobs older than the newest pending one never slept before the next release: they ended after it.
      for (; pending < jobs.length - 1; pending++) unseen(jobs[pending], jobs[pending + 1].release_ns, 'unseen')
      complete(jobs[pending++], p.tsNs, 'block', p.cpuNs)
    } else {
      // An exit ends the job running, not the ones released meanwhile, which never ran.
      complete(jobs[pending++], p.tsNs, p.kind === EXIT ? 'exit' : 'wakeup_while_running', p.cpuNs)
      if (p.kind === EXIT) jobs.length = pending
    }
  }
  const cpuNs = lastEndCpu - pts[firstAct].cpuNs
  if (inst.runnableAtEnd) {
    releaseUpTo(endNs)
    for (; pending < jobs.length && jobs[pending].deadline_ns <= endNs; pending++) unseen(jobs[pending], endNs, 'trace_end')
  }
  diagnostics.unfinished_jobs = jobs.length - pending
  jobs.length = pending
  return { anchor_ns: anchor, jobs, cpu_ns: cpuNs, diagnostics }
}
