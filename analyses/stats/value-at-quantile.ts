import type { LogLinearHistogram } from './histogram-types.js'
import { valueAtRank } from './value-at-rank.js'

/**
 * The q-quantile of the recorded values, with d3.quantile's convention (R-7, Hyndman and
 * Fan): position (n - 1) q in the sorted values, interpolating linearly between the two
 * order statistics around it. Each of those is within the histogram's relative error and
 * values are non-negative, so the interpolation is too. NaN when h is empty.
 */
export function valueAtQuantile(h: LogLinearHistogram, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`)
  if (h.count === 0) return NaN
  const position = (h.count - 1) * q
  const below = Math.floor(position)
  const fraction = position - below
  const value0 = valueAtRank(h, below + 1)
  if (fraction === 0) return value0
  const value1 = valueAtRank(h, below + 2)
  return value0 + (value1 - value0) * fraction
}
