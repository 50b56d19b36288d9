import type { LogLinearHistogram } from './histogram-types.js'

/**
 * Exact bounds [lo, hi) of the bucket with absolute index `index`: products of small
 * integers and powers of two, so they are exact in float64 and agree with the bit-level
 * classification done when recording.
 */
export function bucketBounds(h: Pick<LogLinearHistogram, 'subBucketBits' | 'lowestExponent'>, index: number): [number, number] {
  const subBucketCount = 2 ** h.subBucketBits
  const slot = Math.floor(index / subBucketCount)
  const sub = index - slot * subBucketCount
  if (slot === 0) {
    const width = 2 ** (h.lowestExponent - h.subBucketBits)
    return [sub * width, (sub + 1) * width]
  }
  const unit = 2 ** (h.lowestExponent + slot - 1 - h.subBucketBits)
  return [(subBucketCount + sub) * unit, (subBucketCount + sub + 1) * unit]
}
