import type { LogLinearHistogram } from './histogram-types.js'

export interface HistogramOptions {
  /**
   * Largest relative error of a reported value (quantile, bucket midpoint) against the exact
   * value, for values >= 2^lowestExponent. Default 0.001 (0.1 %), which takes 9 sub-bucket
   * bits (reported error <= 2^-10 = 0.098 %). Ignored when subBucketBits is given.
   */
  relativeErrorMax?: number
  /** Sub-bucket bits, 1..20, overriding relativeErrorMax: error is 2^-(subBucketBits + 1). */
  subBucketBits?: number
  /**
   * Values below 2^lowestExponent fall in a linear region of absolute resolution
   * 2^(lowestExponent - subBucketBits). Default 0: 1 ns and up have relative error, sub-ns
   * values have an absolute error under 0.001 ns. Range -64..64.
   */
  lowestExponent?: number
}

/** An empty log-linear histogram. Histograms merge only with others of the same options. */
export function createHistogram(options: HistogramOptions = {}): LogLinearHistogram {
  const relativeErrorMax = options.relativeErrorMax ?? 0.001
  const subBucketBits = options.subBucketBits ?? subBucketBitsFor(relativeErrorMax)
  const lowestExponent = options.lowestExponent ?? 0
  if (!Number.isInteger(subBucketBits) || subBucketBits < 1 || subBucketBits > 20) {
    throw new RangeError(`subBucketBits must be an integer in 1..20, got ${subBucketBits}`)
  }
  if (!Number.isInteger(lowestExponent) || lowestExponent < -64 || lowestExponent > 64) {
    throw new RangeError(`lowestExponent must be an integer in -64..64, got ${lowestExponent}`)
  }
  return {
    kind: 'logLinear',
    subBucketBits,
    lowestExponent,
    firstIndex: 0,
    counts: new Float64Array(0),
    count: 0,
    min: Infinity,
    max: -Infinity,
    mean: 0,
    m2: 0,
  }
}

// A value is reported as its bucket's midpoint, off by at most half the bucket width, which
// is 2^-bits of the bucket's lower bound: hence bits = ceil(log2(1 / (2 * error))).
function subBucketBitsFor(relativeErrorMax: number): number {
  if (!(relativeErrorMax > 0 && relativeErrorMax < 0.5)) {
    throw new RangeError(`relativeErrorMax must be in (0, 0.5), got ${relativeErrorMax}`)
  }
  return Math.max(1, Math.ceil(Math.log2(1 / (2 * relativeErrorMax)) - 1e-9))
}
