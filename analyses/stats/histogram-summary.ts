import { histogramRelativeError } from './histogram-relative-error.js'
import type { LogLinearHistogram } from './histogram-types.js'
import { valueAtQuantile } from './value-at-quantile.js'

export interface HistogramSummary {
  count: number
  /** Exact. */
  min: number
  /** Exact. */
  max: number
  mean: number
  /** Population standard deviation: sqrt(sum of squared deviations / count). */
  stddev: number
  p50: number
  p90: number
  p99: number
  p999: number
  p9999: number
  /** Largest relative error of the percentiles (see histogramRelativeError). */
  relativeError: number
}

/** Count, exact min and max, mean, population stddev and percentiles (NaN when empty). */
export function histogramSummary(h: LogLinearHistogram): HistogramSummary {
  const empty = h.count === 0
  return {
    count: h.count,
    min: empty ? NaN : h.min,
    max: empty ? NaN : h.max,
    mean: empty ? NaN : h.mean,
    stddev: empty ? NaN : Math.sqrt(h.m2 / h.count),
    p50: valueAtQuantile(h, 0.5),
    p90: valueAtQuantile(h, 0.9),
    p99: valueAtQuantile(h, 0.99),
    p999: valueAtQuantile(h, 0.999),
    p9999: valueAtQuantile(h, 0.9999),
    relativeError: histogramRelativeError(h),
  }
}
