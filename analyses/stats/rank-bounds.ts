import { bucketBounds } from './bucket-bounds.js'
import type { Histogram, ValueRange } from './histogram-types.js'

/**
 * Bounds [low, high] known to contain the order statistic X_(rank) (1-based: rank 1 is the
 * minimum, rank count the maximum) of the values in h: its bucket's bounds, narrowed by the
 * exact min and max of a log-linear histogram.
 */
export function rankBounds(h: Histogram, rank: number): ValueRange {
  if (!(Number.isInteger(rank) && rank >= 1 && rank <= h.count)) {
    throw new RangeError(`rank must be an integer in 1..${h.count}, got ${rank}`)
  }
  if (h.kind === 'logLinear') {
    if (rank === 1) return { low: h.min, high: h.min }
    if (rank === h.count) return { low: h.max, high: h.max }
  }
  let seen = 0
  for (let i = 0; i < h.counts.length; i++) {
    seen += h.counts[i]!
    if (seen < rank) continue
    if (h.kind === 'buckets') return { low: h.lo[i]!, high: h.hi[i]! }
    const [lo, hi] = bucketBounds(h, h.firstIndex + i)
    return { low: Math.max(lo, h.min), high: Math.min(hi, h.max) }
  }
  throw new RangeError(`histogram counts sum to ${seen}, less than its count ${h.count}`)
}
