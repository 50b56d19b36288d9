// The edf result: per task and in total, jobs, misses, miss rate, lateness and response, and
// the load the window ran under (the tasks' measured CPU time and every CPU's busy time), so
// a criterion "miss rate < 0.1% under 80% load" can check its condition on the same run.
import type { Coverage } from '../analysis.js'
import { distributionReport, type DistributionReport } from '../latency/distribution-report.js'
import { createHistogram } from '../stats/create-histogram.js'
import { recordValue } from '../stats/record-value.js'
import { busyNsIn } from './cpu-busy.js'
import type { EdfAcc, EdfParams } from './edf-analysis.js'
import { periodicJobs, type Job, type JobDiagnostics } from './periodic-jobs.js'
import { windowCoverage, type WindowCoverage } from '../lost-in-window.js'
import { taskInstances, WAKE, WAKING } from './task-activity.js'

export interface EdfTaskRow {
  comm: string
  tid: number
  /** 0 for the thread's first life in the trace, 1 after its first exit (tid reuse), ... */
  life: number
  match: string
  runtime_ns: number
  deadline_ns: number
  period_ns: number
  /** runtime / period */
  bandwidth_pct: number
  anchor_ns: number | null
  jobs: number
  misses: number
  miss_rate_pct: number | null
  /** jobs whose end the trace cannot show (they ran into the next period without sleeping) */
  completions_unseen: number
  /** jobs ended by the task's exit (their lateness is at most exit - deadline; left out of the figures below) */
  completions_at_exit: number
  max_lateness_ns: number | null
  /** largest lower bound of the lateness of jobs whose end is unseen */
  max_lateness_at_least_ns: number | null
  max_tardiness_ns: number | null
  mean_tardiness_ns: number | null
  max_response_ns: number | null
  mean_response_ns: number | null
  /** CPU time from the first release to the last job's end */
  cpu_ns: number
  /** cpu_ns over that span, in % of one CPU */
  utilization_pct: number | null
  response: DistributionReport
  diagnostics: JobDiagnostics & { lost_switch_outs: number }
  job_list?: Job[]
}

export interface EdfResult {
  unit: 'ns'
  coverage: Coverage & WindowCoverage
  tasks: EdfTaskRow[]
  /** --task patterns no thread of the trace matched */
  tasks_not_found: string[]
  total: {
    tasks: number
    jobs: number
    misses: number
    miss_rate_pct: number | null
    max_lateness_ns: number | null
    cpus: number
    /** sum of runtime / period of the tasks that ran jobs, over the CPUs */
    declared_load_pct: number
    /** the tasks' CPU time in the window over the window times the CPUs */
    measured_load_pct: number | null
    /** every non-idle task's CPU time in the window over the window times the CPUs */
    cpu_busy_pct: number | null
  }
}

// Not Math.max(...xs): a task can have more jobs than a call has room for arguments.
const maxOf = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => (b > a ? b : a)))
const meanOf = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length)

export function edfReport(acc: EdfAcc, p: EdfParams, coverage: Coverage): EdfResult {
  let lastTs = -Infinity
  for (const l of acc.logs.values()) if (l.ts.length > 0) lastTs = Math.max(lastTs, l.ts[l.ts.length - 1])
  const endNs = coverage.end_ns ?? lastTs
  const rows: EdfTaskRow[] = []
  let windowStart = Infinity
  let windowEnd = -Infinity
  let eventsUsed = 0
  for (const [tid, l] of acc.logs) {
    eventsUsed += l.kinds.length
    const spec = p.tasks[l.spec]
    for (const [life, inst] of taskInstances(l.kinds, l.ts, acc.wakeupEvents > 0 ? WAKE : WAKING).entries()) {
      const pj = periodicJobs(inst, spec.deadlineNs, spec.periodNs, endNs)
      const jobs = pj?.jobs ?? []
      // An exit bounds its job's end from above only: such jobs count, but not in the lateness and response figures.
      const seen = jobs.filter((j) => j.completion_ns !== null && j.completed_by !== 'exit')
      const unseen = jobs.filter((j) => j.completion_ns === null)
      const response = createHistogram({ relativeErrorMax: p.relativeError ?? 0.001 })
      for (const j of seen) recordValue(response, j.response_ns!)
      const misses = jobs.filter((j) => j.miss).length
      const ends = jobs.filter((j) => j.completion_ns !== null).map((j) => j.completion_ns!)
      const spanNs = jobs.length > 0 ? Math.max(maxOf(ends) ?? 0, jobs[0].release_ns) - jobs[0].release_ns : 0
      if (jobs.length > 0) {
        windowStart = Math.min(windowStart, jobs[0].release_ns)
        windowEnd = Math.max(windowEnd, jobs[0].release_ns + spanNs)
      }
      rows.push({
        comm: l.comm, tid, life, match: spec.match, runtime_ns: spec.runtimeNs, deadline_ns: spec.deadlineNs, period_ns: spec.periodNs,
        bandwidth_pct: (100 * spec.runtimeNs) / spec.periodNs, anchor_ns: pj?.anchor_ns ?? null,
        jobs: jobs.length, misses, miss_rate_pct: jobs.length === 0 ? null : (100 * misses) / jobs.length, completions_unseen: unseen.length,
        completions_at_exit: jobs.filter((j) => j.completed_by === 'exit').length,
        max_lateness_ns: maxOf(seen.map((j) => j.lateness_ns!)), max_lateness_at_least_ns: maxOf(unseen.map((j) => j.lateness_at_least_ns!)),
        max_tardiness_ns: maxOf(seen.map((j) => j.tardiness_ns!)), mean_tardiness_ns: meanOf(seen.map((j) => j.tardiness_ns!)),
        max_response_ns: maxOf(seen.map((j) => j.response_ns!)), mean_response_ns: meanOf(seen.map((j) => j.response_ns!)),
        cpu_ns: pj?.cpu_ns ?? 0, utilization_pct: spanNs > 0 ? (100 * pj!.cpu_ns) / spanNs : null,
        response: distributionReport(response),
        diagnostics: { ...(pj?.diagnostics ?? { extra_activations: 0, extra_blocks: 0, ignored_wakeups: 0, unfinished_jobs: 0 }), lost_switch_outs: inst.lostSwitchOuts },
        ...(p.jobs ? { job_list: jobs } : {}),
      })
    }
  }
  rows.sort((x, y) => (x.comm < y.comm ? -1 : x.comm > y.comm ? 1 : x.tid - y.tid || x.life - y.life))
  const hasWindow = windowEnd > windowStart
  const windowNs = hasWindow ? windowEnd - windowStart : 0
  const cpus = acc.busy.cpus.size
  const jobs = rows.reduce((n, r) => n + r.jobs, 0)
  const misses = rows.reduce((n, r) => n + r.misses, 0)
  const lateness = rows.map((r) => r.max_lateness_ns).filter((x): x is number => x !== null)
  return {
    unit: 'ns',
    coverage: windowCoverage(coverage, acc.lost, hasWindow ? windowStart : null, hasWindow ? windowEnd : null, eventsUsed),
    tasks: rows,
    tasks_not_found: p.tasks.filter((_, i) => ![...acc.logs.values()].some((l) => l.spec === i)).map((t) => t.match),
    total: {
      tasks: rows.length, jobs, misses, miss_rate_pct: jobs === 0 ? null : (100 * misses) / jobs, max_lateness_ns: maxOf(lateness), cpus,
      declared_load_pct: rows.filter((r) => r.jobs > 0).reduce((s, r) => s + r.bandwidth_pct, 0) / Math.max(1, cpus),
      measured_load_pct: hasWindow ? (100 * rows.reduce((s, r) => s + r.cpu_ns, 0)) / (windowNs * cpus) : null,
      cpu_busy_pct: hasWindow ? (100 * busyNsIn(acc.busy, windowStart, windowEnd)) / (windowNs * cpus) : null,
    },
  }
}
