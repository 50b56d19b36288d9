// Analyses registered after check was written (fairness, fragmentation...) are read by the
// result conventions every analysis follows: a scalar figure under its statistic's name
// (`cv_pct`, `internal_frag_pct`), at the top or under `total`; a distribution as a
// DistributionReport under the metric's name or `distribution`. Spec params go over with
// their keys camel-cased. A figure found this way is taken as exact for the run.
import type { DistributionReport } from '../../analyses/latency/distribution-report.js'
import type { Measure } from '../spec/types.js'
import { DISTRIBUTION_STATISTICS, distributionReading, mergedHistogram } from './distribution-figure.js'
import { exactFigure } from './figure-source.js'
import { refuse, unsupportedSelector, type MeasurePlan, type Reading } from './measurer.js'

const camel = (k: string): string => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

function isDistribution(x: unknown): x is DistributionReport {
  return typeof x === 'object' && x !== null && 'histogram' in x && 'count' in x
}

function find(result: Record<string, unknown>, key: string): unknown {
  const total = result['total']
  return result[key] ?? (typeof total === 'object' && total !== null ? (total as Record<string, unknown>)[key] : undefined)
}

function read(m: Measure, result: unknown): Reading {
  const r = result as Record<string, unknown>
  if ((DISTRIBUTION_STATISTICS as readonly string[]).includes(m.statistic)) {
    const d = find(r, m.metric ?? 'distribution')
    if (isDistribution(d)) return distributionReading(mergedHistogram([d.histogram]), m.statistic)
  }
  const value = find(r, m.statistic)
  if (typeof value === 'number' && Number.isFinite(value)) {
    const n = find(r, 'count') ?? find(r, 'windows') ?? find(r, 'events')
    return { figure: exactFigure(value, typeof n === 'number' ? n : 1) }
  }
  return {}
}

export function measureByConvention(m: Measure): MeasurePlan {
  const problem = unsupportedSelector(m, ['tasks'])
  if (problem) return refuse(problem)
  const params: Record<string, unknown> = Object.fromEntries(Object.entries(m.params).map(([k, v]) => [camel(k), v]))
  if (m.selector.tasks) params['tasks'] = m.selector.tasks
  return { ok: true, request: { name: m.analysis, params }, read: (result) => read(m, result) }
}
