import type { LogLinearHistogram } from './histogram-types.js'

/**
 * The largest relative error of a value reported by the histogram (a quantile, a bucket
 * midpoint) against the exact value, for values >= 2^lowestExponent: half a bucket width.
 */
export function histogramRelativeError(h: LogLinearHistogram): number {
  return 2 ** -(h.subBucketBits + 1)
}
