import { combineMoments } from './combine-moments.js'
import type { LogLinearHistogram } from './histogram-types.js'

/**
 * A new histogram of the values of a and b together. Buckets, count, min and max are exact
 * (equal, bucket by bucket, to one histogram of all the values, in any merge order). Mean
 * and the sum of squared deviations combine by Chan's pairwise formula: commutative bit for
 * bit, equal to a one-pass computation up to float rounding (~1e-15 relative).
 * Throws a RangeError when a and b have different layouts.
 */
export function mergeHistograms(a: LogLinearHistogram, b: LogLinearHistogram): LogLinearHistogram {
  if (a.subBucketBits !== b.subBucketBits || a.lowestExponent !== b.lowestExponent) {
    throw new RangeError(
      `cannot merge histograms of different layouts (subBucketBits ${a.subBucketBits} vs ${b.subBucketBits}, ` +
        `lowestExponent ${a.lowestExponent} vs ${b.lowestExponent})`,
    )
  }
  const aEmpty = a.counts.length === 0
  const bEmpty = b.counts.length === 0
  const firstIndex = aEmpty ? b.firstIndex : bEmpty ? a.firstIndex : Math.min(a.firstIndex, b.firstIndex)
  const end = Math.max(aEmpty ? -Infinity : a.firstIndex + a.counts.length, bEmpty ? -Infinity : b.firstIndex + b.counts.length)
  const counts = new Float64Array(aEmpty && bEmpty ? 0 : end - firstIndex)
  addCounts(counts, firstIndex, a)
  addCounts(counts, firstIndex, b)
  const moments = combineMoments(a, b)
  return {
    kind: 'logLinear',
    subBucketBits: a.subBucketBits,
    lowestExponent: a.lowestExponent,
    firstIndex,
    counts,
    count: moments.count,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    mean: moments.mean,
    m2: moments.m2,
  }
}

function addCounts(into: Float64Array, intoFirstIndex: number, from: LogLinearHistogram): void {
  const offset = from.firstIndex - intoFirstIndex
  for (let i = 0; i < from.counts.length; i++) into[offset + i]! += from.counts[i]!
}
