import type { Histogram, ValueRange } from './histogram-types.js'
import { rankBounds } from './rank-bounds.js'

/**
 * Bounds [low, high] known to contain the q-quantile of the values (d3.quantile's R-7
 * convention, as valueAtQuantile): from the buckets of the order statistics around
 * position (n - 1) q. For a histogram of external buckets (bpftrace), this is all that can
 * be said: a percentile is the interval, never a value made up inside it. Null when empty.
 */
export function quantileBounds(h: Histogram, q: number): ValueRange | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`)
  if (h.count === 0) return null
  const position = (h.count - 1) * q
  const below = Math.floor(position)
  const low = rankBounds(h, below + 1).low
  const high = position === below ? rankBounds(h, below + 1).high : rankBounds(h, below + 2).high
  return { low, high }
}
