import { quantileConfidenceInterval } from './quantile-confidence-interval.js'

/**
 * The smallest sample count n for which quantileConfidenceInterval(n, q, confidence) exists:
 * both P(B = 0) = (1 - q)^n and P(B = n) = q^n must be <= (1 - confidence) / 2, so that
 * X_(1) and X_(n) can bound the quantile. E.g. 6 for the median at 95 %, 368 for p99, 3688
 * for p99.9: a p99.9 from fewer events than that has no distribution-free interval at all.
 */
export function samplesNeededForQuantileCI(q: number, confidence = 0.95): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be in (0, 1), got ${q}`)
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
  const logTail = Math.log((1 - confidence) / 2)
  let n = Math.max(1, Math.ceil(Math.max(logTail / Math.log(1 - q), logTail / Math.log(q))))
  // The closed form can be off by one where rounding meets the boundary; settle it with the
  // same computation quantileConfidenceInterval makes, so the two always agree.
  while (n > 1 && quantileConfidenceInterval(n - 1, q, confidence) !== null) n--
  while (quantileConfidenceInterval(n, q, confidence) === null) n++
  return n
}
