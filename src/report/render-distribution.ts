// A latency distribution for the terminal: the exact figures, the percentiles with their
// confidence intervals, and the histogram.
import type { DistributionReport } from '../../analyses/latency/distribution-report.js'
import { histogramFromJSON } from '../../analyses/stats/histogram-from-json.js'
import { textHistogram } from '../../analyses/stats/text-histogram.js'
import { formatCount, formatDurationNs } from './format-units.js'

const d = (x: number | null): string => (x === null ? '-' : formatDurationNs(x))

export function renderDistribution(title: string, r: DistributionReport, withHistogram = true): string {
  const ci = (c: DistributionReport['ci95']['p50']): string => (c === null ? '(too few samples for a 95% interval)' : `95% CI [${d(c.low_ns)}, ${d(c.high_ns)}]`)
  const lines = [
    `${title}: ${formatCount(r.count)} values`,
    `  min ${d(r.min_ns)}  mean ${d(r.mean_ns)}  stddev ${d(r.stddev_ns)}  max ${d(r.max_ns)}`,
    `  p50 ${d(r.p50_ns)} ${ci(r.ci95.p50)}`,
    `  p90 ${d(r.p90_ns)}  p99 ${d(r.p99_ns)} ${ci(r.ci95.p99)}`,
    `  p99.9 ${d(r.p999_ns)}  p99.99 ${d(r.p9999_ns)}  (percentiles within ${r.relative_error_pct.toFixed(3)}%)`,
  ]
  if (withHistogram && r.count > 0) lines.push(textHistogram(histogramFromJSON(r.histogram)).replace(/^/gm, '  '))
  return lines.join('\n')
}
