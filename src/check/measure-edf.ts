// Spec measures over the `edf` analysis: deadline-miss rate (exact binomial interval),
// worst lateness, response-time distribution, and the load the run was under (the
// criterion's `utilization` condition). The spec names the tasks; their runtime, deadline
// and period come from the command line (--task, --rt-app), as `analyze edf --task` takes them.
import type { DistributionReport } from '../../analyses/latency/distribution-report.js'
import type { Measure } from '../spec/types.js'
import { DISTRIBUTION_STATISTICS, distributionReading, mergedHistogram } from './distribution-figure.js'
import { exactFigure } from './figure-source.js'
import { refuse, unsupportedSelector, unsupportedStatistic, type MeasurePlan, type Reading } from './measurer.js'
import { globMatcher } from '../../analyses/glob-pattern.js'
import { proportionInterval } from './proportion-interval.js'

/** The fields of the edf result that check reads. */
interface EdfResultView {
  tasks: { comm: string; jobs: number; misses: number; max_lateness_ns: number | null; response: DistributionReport }[]
  total: { measured_load_pct: number | null }
}

function read(m: Measure, r: EdfResultView): Reading {
  const wanted = m.selector.tasks ? globMatcher(m.selector.tasks) : () => true
  const rows = r.tasks.filter((t) => wanted(t.comm))
  const conditions = r.total.measured_load_pct === null ? undefined : { utilization: r.total.measured_load_pct }
  const jobs = rows.reduce((n, t) => n + t.jobs, 0)
  if (m.statistic === 'miss_rate_pct') {
    if (jobs === 0) return { conditions }
    const misses = rows.reduce((n, t) => n + t.misses, 0)
    const { low, high } = proportionInterval(misses, jobs)
    return { figure: { kind: 'exact', low: 100 * low, value: (100 * misses) / jobs, high: 100 * high, n: jobs }, conditions }
  }
  if (m.metric === 'lateness') {
    const late = rows.map((t) => t.max_lateness_ns).filter((x): x is number => x !== null)
    return late.length === 0 ? { conditions } : { figure: exactFigure(Math.max(...late), jobs), conditions }
  }
  return { ...distributionReading(mergedHistogram(rows.map((t) => t.response.histogram)), m.statistic), conditions }
}

/** `edfParams`: what `analyze edf --task/--rt-app` would take, built by the CLI; absent when none was given. */
export function edfMeasurer(edfParams: unknown) {
  return (m: Measure): MeasurePlan => {
    const statistics = m.metric === 'lateness' ? ['max'] : m.metric === 'response_time' ? DISTRIBUTION_STATISTICS : ['miss_rate_pct']
    const problem = unsupportedStatistic(m, statistics) ?? unsupportedSelector(m, ['tasks'])
    if (problem) return refuse(problem)
    if (edfParams === undefined) {
      return refuse(`edf needs each task's runtime, deadline and period, which the spec does not give: pass --task '${m.selector.tasks?.[0] ?? 'NAME'}:RUNTIME,DEADLINE,PERIOD' or --rt-app FILE.json`)
    }
    return { ok: true, request: { name: 'edf', params: edfParams }, read: (result) => read(m, result as EdfResultView) }
  }
}
