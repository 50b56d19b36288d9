import { bucketIndex } from './bucket-index.js'
import { growHistogramWindow } from './grow-histogram-window.js'
import type { LogLinearHistogram } from './histogram-types.js'

/**
 * Records `value` (nanoseconds, or any one unit) `times` times into h, in place, and
 * returns h. Throws a RangeError for a negative, NaN or infinite value. For many values at
 * once, recordValues is faster.
 */
export function recordValue(h: LogLinearHistogram, value: number, times = 1): LogLinearHistogram {
  if (!(Number.isInteger(times) && times >= 0)) throw new RangeError(`times must be a non-negative integer, got ${times}`)
  const index = bucketIndex(h, value)
  if (times === 0) return h
  if (index < h.firstIndex || index >= h.firstIndex + h.counts.length) growHistogramWindow(h, index)
  h.counts[index - h.firstIndex]! += times
  // Welford's update, weighted; inline rather than through combineMoments because this runs
  // once per event in the analyses and must not allocate.
  const count = h.count + times
  const delta = value - h.mean
  const mean = h.count === 0 ? value : h.mean + (delta * times) / count
  h.m2 += delta * (value - mean) * times
  h.mean = mean
  h.count = count
  if (value < h.min) h.min = value
  if (value > h.max) h.max = value
  return h
}
