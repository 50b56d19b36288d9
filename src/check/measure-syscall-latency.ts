// Spec measures over `syscall-latency`: the per-syscall distributions of the calls the
// selector names (all calls when it names none).
import type { SyscallLatencyResult } from '../../analyses/syscall-latency/syscall-latency-analysis.js'
import type { Measure } from '../spec/types.js'
import { DISTRIBUTION_STATISTICS, distributionReading, mergedHistogram } from './distribution-figure.js'
import { refuse, unsupportedSelector, unsupportedStatistic, type MeasurePlan } from './measurer.js'

export function measureSyscallLatency(m: Measure): MeasurePlan {
  const problem = unsupportedStatistic(m, [...DISTRIBUTION_STATISTICS, 'rate'])
    ?? (m.selector.tasks
      ? 'syscall-latency keeps per-thread counts and averages but one distribution per syscall over all threads, so selector.tasks cannot be applied yet'
      : unsupportedSelector(m, ['syscall']))
  if (problem) return refuse(problem)
  return {
    ok: true,
    request: { name: 'syscall-latency', params: {} },
    read(result, run) {
      const r = result as SyscallLatencyResult
      const names = m.selector.syscall ?? Object.keys(r.distributions)
      const h = mergedHistogram(names.filter((n) => r.distributions[n] !== undefined).map((n) => r.distributions[n].histogram))
      if (m.statistic !== 'rate') return distributionReading(h, m.statistic)
      return h === undefined || h.count === 0 ? {} : { figure: { kind: 'poisson', count: h.count, scale: 1e9 / run.windowNs } }
    },
  }
}
