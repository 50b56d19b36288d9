import type { Histogram } from './histogram-types.js'
import { quantileConfidenceInterval } from './quantile-confidence-interval.js'
import { rankBounds } from './rank-bounds.js'
import { valueAtQuantile } from './value-at-quantile.js'

export interface QuantileInterval {
  /** At or below the population quantile with the stated confidence. */
  low: number
  /** The sample quantile (valueAtQuantile); null for external buckets, which cannot place it. */
  estimate: number | null
  /** At or above the population quantile with the stated confidence. */
  high: number
  lowerRank: number
  upperRank: number
  /** Exact binomial coverage of the ranks, >= the confidence asked. */
  coverage: number
}

/**
 * Distribution-free confidence interval for the q-quantile of the process that produced the
 * values in h: the order statistics of quantileConfidenceInterval, widened to the bounds of
 * their buckets so the histogram's own error cannot make the interval look tighter than it
 * is. Null when h holds too few values (see samplesNeededForQuantileCI).
 */
export function quantileIntervalFromHistogram(h: Histogram, q: number, confidence = 0.95): QuantileInterval | null {
  const ranks = quantileConfidenceInterval(h.count, q, confidence)
  if (ranks === null) return null
  return {
    low: rankBounds(h, ranks.lower).low,
    estimate: h.kind === 'logLinear' ? valueAtQuantile(h, q) : null,
    high: rankBounds(h, ranks.upper).high,
    lowerRank: ranks.lower,
    upperRank: ranks.upper,
    coverage: ranks.coverage,
  }
}
