// What a measured figure was computed from, kept in the check result so that a report or a
// later `compare` can recompute its interval at any confidence without the trace.
import { histogramFromJSON } from '../../analyses/stats/histogram-from-json.js'
import type { HistogramJSON } from '../../analyses/stats/histogram-to-json.js'
import { quantileIntervalFromHistogram } from '../../analyses/stats/quantile-interval-from-histogram.js'
import { valueAtQuantile } from '../../analyses/stats/value-at-quantile.js'
import type { Interval } from '../spec/verdict.js'
import { normalQuantile, poissonInterval } from './poisson-interval.js'

export type FigureSource =
  /** a quantile of a distribution: distribution-free interval from the histogram's order statistics */
  | { kind: 'quantile'; q: number; histogram: HistogramJSON }
  /** the mean of a distribution: normal-approximation interval (mean ± z·sd/√n) */
  | { kind: 'mean'; histogram: HistogramJSON }
  /** count × scale where count is Poisson (events per window: scale = 1e9 / window ns) */
  | { kind: 'poisson'; count: number; scale: number }
  /** a figure known exactly for this run (a count, the observed max), or known within fixed bounds */
  | { kind: 'exact'; low: number; value: number; high: number; n: number }

export const QUANTILES: Record<string, number> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99, p999: 0.999 }

export function exactFigure(value: number, n: number): FigureSource {
  return { kind: 'exact', low: value, value, high: value, n }
}

/** The figure and its confidence bounds; a bound the data cannot give is -Infinity / Infinity. */
export function intervalOf(source: FigureSource, confidence = 0.95): Interval {
  switch (source.kind) {
    case 'exact':
      return { low: source.low, estimate: source.value, high: source.high, n: source.n }
    case 'poisson': {
      const { low, high } = poissonInterval(source.count, confidence)
      return { low: low * source.scale, estimate: source.count * source.scale, high: high * source.scale, n: source.count }
    }
    case 'quantile': {
      const h = histogramFromJSON(source.histogram)
      if (h.kind !== 'logLinear') throw new Error('internal: a quantile figure needs a log-linear histogram')
      const ci = quantileIntervalFromHistogram(h, source.q, confidence)
      const estimate = valueAtQuantile(h, source.q)
      return ci === null
        ? { low: -Infinity, estimate, high: Infinity, n: h.count }
        : { low: ci.low, estimate, high: ci.high, n: h.count }
    }
    case 'mean': {
      const h = histogramFromJSON(source.histogram)
      if (h.kind !== 'logLinear') throw new Error('internal: a mean figure needs a log-linear histogram')
      if (h.count < 2) return { low: -Infinity, estimate: h.mean, high: Infinity, n: h.count }
      const half = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(h.m2 / (h.count - 1) / h.count)
      return { low: h.mean - half, estimate: h.mean, high: h.mean + half, n: h.count }
    }
  }
}
