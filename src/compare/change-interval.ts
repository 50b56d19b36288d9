// The relative change of a figure between two runs, with a distribution-free interval: each
// run's figure gets its own interval (order statistics of its histogram for a quantile,
// exact Poisson bounds for a rate) at confidence √c, so that with independent runs both hold
// at once with probability >= c, and the ratio's extremes bound the change. "Changed" means
// the interval excludes 0 — a test at level 1 - c that assumes nothing about the shape of the
// distributions; wide intervals make it conservative, never optimistic.
import { intervalOf, type FigureSource } from '../check/figure-source.js'
import type { Interval } from '../spec/verdict.js'

export interface Change {
  /** relative change current / baseline - 1, as a fraction; ±Infinity when unbounded */
  low: number
  estimate: number
  high: number
  confidence: number
}

export interface FigurePair {
  baseline: Interval
  current: Interval
  change: Change
}

function ratio(a: number, b: number): number {
  if (b === 0) return a === 0 ? 0 : a > 0 ? Infinity : -Infinity
  return a / b - 1
}

export function changeInterval(baseline: FigureSource, current: FigureSource, confidence = 0.95): FigurePair {
  const each = Math.sqrt(confidence)
  const b = intervalOf(baseline, each)
  const c = intervalOf(current, each)
  // Figures are non-negative (durations, rates, counts, percentages): an open lower bound is 0.
  const bLow = Number.isFinite(b.low) ? Math.max(0, b.low) : 0
  const cLow = Number.isFinite(c.low) ? Math.max(0, c.low) : 0
  return {
    baseline: intervalOf(baseline, confidence),
    current: intervalOf(current, confidence),
    change: { low: ratio(cLow, b.high), estimate: ratio(c.estimate, b.estimate), high: ratio(c.high, bLow), confidence },
  }
}
