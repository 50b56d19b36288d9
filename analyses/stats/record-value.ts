import { addBatchSummary } from './add-batch-summary.js'
import { bucketIndex } from './bucket-index.js'
import { growHistogramWindow } from './grow-histogram-window.js'
import type { LogLinearHistogram } from './histogram-types.js'

/**
 * Records one value (nanoseconds, or any one unit) into h, in place, and returns h.
 * Throws a RangeError for a negative, NaN or infinite value. For many values at once,
 * recordValues is several times faster.
 */
export function recordValue(h: LogLinearHistogram, value: number, times = 1): LogLinearHistogram {
  if (!(Number.isInteger(times) && times >= 0)) throw new RangeError(`times must be a non-negative integer, got ${times}`)
  const index = bucketIndex(h, value)
  if (times === 0) return h
  if (index < h.firstIndex || index >= h.firstIndex + h.counts.length) growHistogramWindow(h, index)
  h.counts[index - h.firstIndex]! += times
  addBatchSummary(h, { count: times, mean: value, m2: 0, min: value, max: value })
  return h
}
