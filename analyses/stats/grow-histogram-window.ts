import type { LogLinearHistogram } from './histogram-types.js'

// Beyond this the window would not be a histogram of one quantity any more (2^24 buckets is
// 128 MB of counts, e.g. values from 1e-9 to 1e300 at 10 bits): fail loudly.
const MAX_WINDOW_BUCKETS = 2 ** 24

/**
 * Widens h's counts window so that it covers the absolute bucket index `index`, in chunks of
 * a slot (2^subBucketBits buckets, one octave) up to 1024 buckets, so that a histogram whose
 * values move up or down reallocates once an octave, not at every new bucket.
 */
export function growHistogramWindow(h: LogLinearHistogram, index: number): void {
  const chunk = Math.min(2 ** h.subBucketBits, 1024)
  const oldFirst = h.firstIndex
  const oldEnd = oldFirst + h.counts.length
  const empty = h.counts.length === 0
  const first = Math.floor((empty ? index : Math.min(oldFirst, index)) / chunk) * chunk
  const end = Math.ceil(((empty ? index : Math.max(oldEnd - 1, index)) + 1) / chunk) * chunk
  if (end - first > MAX_WINDOW_BUCKETS) {
    throw new RangeError(
      `histogram would span ${end - first} buckets (values from bucket ${first} to ${end}); ` +
        'record values of one quantity and unit in one histogram',
    )
  }
  const counts = new Float64Array(end - first)
  if (!empty) counts.set(h.counts, oldFirst - first)
  h.counts = counts
  h.firstIndex = first
}
