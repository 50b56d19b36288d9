import { binomialTails } from './binomial-tails.js'

export interface QuantileRanks {
  /** 1-based rank of the order statistic bounding the quantile from below. */
  lower: number
  /** 1-based rank of the order statistic bounding the quantile from above. */
  upper: number
  /** P(X_(lower) <= x_q < X_(upper)) for a continuous distribution: >= the confidence asked. */
  coverage: number
}

/**
 * Distribution-free confidence interval for the population q-quantile x_q from n samples:
 * the 1-based ranks (lower, upper) of two order statistics with
 * P(X_(lower) <= x_q <= X_(upper)) >= confidence, for any continuous distribution.
 *
 * X_(l) <= x_q exactly when at least l samples fall at or below x_q, a binomial(n, q) count
 * B; so the coverage is P(l <= B <= u - 1). The interval is equal-tailed (Hahn and Meeker,
 * Statistical Intervals, ch. 5): the largest l with P(B <= l - 1) <= alpha / 2 and the
 * smallest u with P(B >= u) <= alpha / 2, alpha = 1 - confidence. E.g. n = 100, q = 0.5,
 * 95 %: ranks 40 and 61. Null when n is too small for such ranks to exist within 1..n
 * (see samplesNeededForQuantileCI).
 */
export function quantileConfidenceInterval(n: number, q: number, confidence = 0.95): QuantileRanks | null {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`)
  const { first, atMost, atLeast } = binomialTails(n, q)
  const tailMax = (1 - confidence) / 2
  // Below the window P(B <= k) is negligible, so k = first - 1 always qualifies if >= 0.
  let lowerMinusOne = first - 1
  for (let i = 0; i < atMost.length && atMost[i]! <= tailMax; i++) lowerMinusOne = first + i
  // Above the window P(B >= k) is negligible: k = last + 1 qualifies.
  let upper = first + atLeast.length
  for (let i = atLeast.length - 1; i >= 0 && atLeast[i]! <= tailMax; i--) upper = first + i
  const lower = lowerMinusOne + 1
  if (lower < 1 || upper > n) return null
  const belowLower = lowerMinusOne >= first ? atMost[lowerMinusOne - first]! : 0
  const atOrAboveUpper = upper < first + atLeast.length ? atLeast[upper - first]! : 0
  return { lower, upper, coverage: 1 - belowLower - atOrAboveUpper }
}
