// The histogram kinds are plain data (numbers and typed arrays), not classes: they cross
// worker threads by structured clone or transfer, and serialize to JSON, without losing a
// method table on the way.

/**
 * HdrHistogram-style log-linear histogram of non-negative values.
 *
 * Bucket `i` of the absolute index space (counts[i - firstIndex]) covers:
 * - `i < 2^subBucketBits` (the linear region, values below 2^lowestExponent):
 *   [i, i + 1) * 2^(lowestExponent - subBucketBits);
 * - otherwise, with slot k = i >> subBucketBits and sub = i & (2^subBucketBits - 1):
 *   [2^(lowestExponent + k - 1) * (1 + sub / 2^subBucketBits), ... (1 + (sub + 1) / 2^subBucketBits)),
 *   i.e. the float64 exponent picks the slot and the top mantissa bits pick the sub-bucket.
 * The counts array covers only the index window reached so far (it grows on demand), so a
 * histogram of microsecond latencies stays a few tens of KB whatever the dynamic range.
 */
export interface LogLinearHistogram {
  readonly kind: 'logLinear'
  /** Mantissa bits that select a sub-bucket: relative bucket width is 2^-subBucketBits. */
  readonly subBucketBits: number
  /** Values >= 2^lowestExponent have bounded relative error; below, bounded absolute error. */
  readonly lowestExponent: number
  /** Absolute bucket index of counts[0]. */
  firstIndex: number
  /** Float64 so counts stay exact up to 2^53 and merge by plain addition. */
  counts: Float64Array
  count: number
  /** Exact; Infinity when empty. */
  min: number
  /** Exact; -Infinity when empty. */
  max: number
  mean: number
  /** Sum of squared deviations from the mean (Welford / Chan et al.). */
  m2: number
}

/**
 * Histogram from externally bucketed counts (bpftrace hist()/lhist()): only the bounds and
 * counts are known, so quantiles come out as value intervals. Buckets are sorted and
 * disjoint; lo may be -Infinity and hi Infinity (lhist's open-ended buckets).
 */
export interface BucketHistogram {
  readonly kind: 'buckets'
  lo: Float64Array
  hi: Float64Array
  counts: Float64Array
  count: number
}

export type Histogram = LogLinearHistogram | BucketHistogram

/** A bucket [lo, hi) with its count. */
export interface Bucket {
  lo: number
  hi: number
  count: number
}

/** Closed interval [low, high] known to contain a value. */
export interface ValueRange {
  low: number
  high: number
}
