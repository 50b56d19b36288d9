import type { LogLinearHistogram } from './histogram-types.js'
import { rankBounds } from './rank-bounds.js'

/**
 * Estimate of the order statistic X_(rank) (1-based): exact for rank 1 (min) and rank count
 * (max), otherwise the midpoint of its bucket narrowed to [min, max], within
 * histogramRelativeError(h) of the exact value.
 */
export function valueAtRank(h: LogLinearHistogram, rank: number): number {
  const { low, high } = rankBounds(h, rank)
  return low === high ? low : (low + high) / 2
}
