import type { Bucket, BucketHistogram } from './histogram-types.js'

/**
 * A histogram from externally bucketed counts, e.g. bpftrace hist()/lhist() output (whose
 * bucket "[4, 8)" is {lo: 4, hi: 8}; its JSON's inclusive {min: 4, max: 7} is hi = max + 1).
 * Buckets must be sorted and disjoint, with lo < hi (lo may be -Infinity, hi Infinity for
 * lhist's open-ended buckets) and counts non-negative integers; otherwise a RangeError
 * names the offending bucket.
 */
export function histogramFromBuckets(buckets: readonly Bucket[]): BucketHistogram {
  const n = buckets.length
  const lo = new Float64Array(n)
  const hi = new Float64Array(n)
  const counts = new Float64Array(n)
  let count = 0
  for (let i = 0; i < n; i++) {
    const b = buckets[i]!
    const where = () => `bucket ${i} ${JSON.stringify(b)}`
    if (!(b.lo < b.hi) || Number.isNaN(b.lo) || b.lo === Infinity || b.hi === -Infinity) {
      throw new RangeError(`${where()}: expected lo < hi`)
    }
    if (!(Number.isSafeInteger(b.count) && b.count >= 0)) {
      throw new RangeError(`${where()}: expected a non-negative integer count`)
    }
    if (i > 0 && b.lo < hi[i - 1]!) {
      throw new RangeError(`${where()}: expected buckets sorted and disjoint, but it starts below the previous bucket's end ${hi[i - 1]}`)
    }
    lo[i] = b.lo
    hi[i] = b.hi
    counts[i] = b.count
    count += b.count
  }
  return { kind: 'buckets', lo, hi, counts, count }
}
