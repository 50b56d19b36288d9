import type { Histogram } from './histogram-types.js'

/** JSON form of a histogram: non-empty buckets only, infinite bounds as null. */
export type HistogramJSON =
  | {
      kind: 'logLinear'
      version: 1
      subBucketBits: number
      lowestExponent: number
      count: number
      min: number | null
      max: number | null
      mean: number
      m2: number
      /** [absolute bucket index, count] pairs, increasing index. */
      buckets: [number, number][]
    }
  | {
      kind: 'buckets'
      version: 1
      /** [lo, hi, count]; lo null is -Infinity, hi null is Infinity. */
      buckets: [number | null, number | null, number][]
    }

/** A JSON-safe copy of h that histogramFromJSON turns back into an equal histogram. */
export function histogramToJSON(h: Histogram): HistogramJSON {
  if (h.kind === 'buckets') {
    const buckets: [number | null, number | null, number][] = []
    for (let i = 0; i < h.counts.length; i++) {
      buckets.push([Number.isFinite(h.lo[i]) ? h.lo[i]! : null, Number.isFinite(h.hi[i]) ? h.hi[i]! : null, h.counts[i]!])
    }
    return { kind: 'buckets', version: 1, buckets }
  }
  const buckets: [number, number][] = []
  for (let i = 0; i < h.counts.length; i++) if (h.counts[i]! > 0) buckets.push([h.firstIndex + i, h.counts[i]!])
  const empty = h.count === 0
  return {
    kind: 'logLinear',
    version: 1,
    subBucketBits: h.subBucketBits,
    lowestExponent: h.lowestExponent,
    count: h.count,
    min: empty ? null : h.min,
    max: empty ? null : h.max,
    mean: h.mean,
    m2: h.m2,
    buckets,
  }
}
