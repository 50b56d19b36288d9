import { bucketBounds } from './bucket-bounds.js'
import type { Bucket, Histogram } from './histogram-types.js'

/**
 * The buckets of h with a non-zero count, in increasing value order, with exact bounds
 * [lo, hi). For a histogram of external buckets, all its buckets including empty ones
 * (they were part of the tool's output).
 */
export function* histogramBuckets(h: Histogram): Generator<Bucket> {
  for (let i = 0; i < h.counts.length; i++) {
    const count = h.counts[i]!
    if (h.kind === 'buckets') {
      yield { lo: h.lo[i]!, hi: h.hi[i]!, count }
    } else if (count > 0) {
      const [lo, hi] = bucketBounds(h, h.firstIndex + i)
      yield { lo, hi, count }
    }
  }
}
