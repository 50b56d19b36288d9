// Spec measures over `sched-latency`: its delay distribution (wakeup or preemption to
// running, of the selector's tasks or all) and its context-switch counts (metric switch_rate).
import type { SchedLatencyResult } from '../../analyses/sched-latency/sched-latency-report.js'
import type { Measure } from '../spec/types.js'
import { DISTRIBUTION_STATISTICS, distributionReading, mergedHistogram } from './distribution-figure.js'
import { exactFigure } from './figure-source.js'
import { refuse, unsupportedSelector, unsupportedStatistic, type MeasurePlan, type Reading, type RunView } from './measurer.js'

function switchReading(m: Measure, r: SchedLatencyResult, run: RunView): Reading {
  const switches = r.total.switch_events
  if (switches === 0) return {}
  if (m.statistic === 'count') return { figure: exactFigure(switches, switches) }
  if (m.statistic === 'rate') return { figure: { kind: 'poisson', count: switches, scale: 1e9 / run.windowNs } }
  // rate_per_cpu: judged on the CPU that switched least, over the same window as the others.
  const perCpu = r.switch_rate.map((c) => c.per_second.reduce((n, [, k]) => n + k, 0))
  const cpus = run.summary.cpus.length
  const lowest = perCpu.length < cpus ? 0 : Math.min(...perCpu)
  return { figure: { kind: 'poisson', count: lowest, scale: 1e9 / run.windowNs } }
}

export function measureSchedLatency(m: Measure): MeasurePlan {
  const metric = m.metric ?? 'delay'
  if (metric !== 'delay' && metric !== 'switch_rate') return refuse(`sched-latency has no metric ${metric}; it has delay and switch_rate`)
  const problem = unsupportedStatistic(m, metric === 'delay' ? DISTRIBUTION_STATISTICS : ['rate', 'rate_per_cpu', 'count'])
    ?? (metric === 'delay' ? unsupportedSelector(m, ['tasks']) : unsupportedSelector(m, []))
  if (problem) return refuse(problem)
  return {
    ok: true,
    request: { name: 'sched-latency', params: metric === 'delay' && m.selector.tasks ? { tasks: m.selector.tasks } : {} },
    read(result, run) {
      const r = result as SchedLatencyResult
      return metric === 'delay' ? distributionReading(mergedHistogram([r.delay.histogram]), m.statistic) : switchReading(m, r, run)
    },
  }
}
