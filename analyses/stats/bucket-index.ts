import { float64HighWord } from './float64-high-word.js'
import type { LogLinearHistogram } from './histogram-types.js'

type Layout = Pick<LogLinearHistogram, 'subBucketBits' | 'lowestExponent'>

/**
 * Absolute index of the bucket holding `value` (see LogLinearHistogram for the layout).
 * Throws a RangeError for a negative, NaN or infinite value: a duration below zero means
 * the events were paired wrongly, and recording it silently would hide that.
 */
export function bucketIndex(h: Layout, value: number): number {
  if (!(value >= 0 && value <= Number.MAX_VALUE)) {
    throw new RangeError(`histogram values must be finite and >= 0, got ${value}`)
  }
  if (value < 2 ** h.lowestExponent) return (value * 2 ** (h.subBucketBits - h.lowestExponent)) | 0
  // high word >>> (20 - bits) = biased exponent << bits | top mantissa bits; subtracting the
  // exponent of 2^lowestExponent makes 2^lowestExponent the first bucket of slot 1.
  return (float64HighWord(value) >>> (20 - h.subBucketBits)) - logRegionBase(h)
}

/**
 * What recording subtracts from (high word >>> (20 - bits)) to get a bucket index. A shift,
 * not a multiplication: it keeps the index a small integer in V8 (a float index made
 * recording ten times slower); (1022 + 64) << 20 still fits in an int32.
 */
export function logRegionBase(h: Layout): number {
  return (1022 + h.lowestExponent) << h.subBucketBits
}
