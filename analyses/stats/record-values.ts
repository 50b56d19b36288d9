import { addBatchSummary } from './add-batch-summary.js'
import { bucketIndex, logRegionBase } from './bucket-index.js'
import { HIGH_WORD_OFFSET } from './float64-high-word.js'
import { growHistogramWindow } from './grow-histogram-window.js'
import type { LogLinearHistogram } from './histogram-types.js'

/**
 * Records every value of `values` into h, in place, and returns h. Throws a RangeError at
 * the first negative, NaN or infinite value, leaving h as it was before the call.
 *
 * The hot loop reads each float64's high word through a Uint32Array view of the same
 * buffer: one shift and one subtraction per value, no log2, no allocation.
 */
export function recordValues(h: LogLinearHistogram, values: Float64Array): LogLinearHistogram {
  const n = values.length
  if (n === 0) return h
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2)
  const wordShift = 20 - h.subBucketBits
  const base = logRegionBase(h)
  const lowest = 2 ** h.lowestExponent
  const linearScale = 2 ** (h.subBucketBits - h.lowestExponent)
  let counts = h.counts
  let first = h.firstIndex
  let min = Infinity
  let max = -Infinity
  // Summing v - values[0] rather than v keeps the batch mean exact-ish when the values
  // share a large offset (1e12 ns plus a few ns of jitter), where a plain sum rounds.
  const shift = values[0]!
  let shiftedSum = 0
  for (let i = 0; i < n; i++) {
    const v = values[i]!
    if (!(v >= 0 && v < Infinity)) {
      unrecord(h, values, i)
      throw new RangeError(`histogram values must be finite and >= 0, got ${v} at index ${i}`)
    }
    const index = v < lowest ? (v * linearScale) | 0 : (words[2 * i + HIGH_WORD_OFFSET]! >>> wordShift) - base
    if (index < first || index >= first + counts.length) {
      growHistogramWindow(h, index)
      counts = h.counts
      first = h.firstIndex
    }
    counts[index - first]!++
    if (v < min) min = v
    if (v > max) max = v
    shiftedSum += v - shift
  }
  const mean = shift + shiftedSum / n
  let deviationSum = 0
  let m2 = 0
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean
    deviationSum += d
    m2 += d * d
  }
  // The corrected two-pass formula (Chan, Golub and LeVeque): removes what rounding of the
  // mean left in the squared deviations (never below zero, whatever the rounding).
  m2 = Math.max(0, m2 - (deviationSum * deviationSum) / n)
  addBatchSummary(h, { count: n, mean, m2, min, max })
  return h
}

// Takes back the counts of values[0, end) after a bad value, so a throwing call has no
// effect (a grown window holds the same counts, only more zeros).
function unrecord(h: LogLinearHistogram, values: Float64Array, end: number): void {
  for (let i = 0; i < end; i++) h.counts[bucketIndex(h, values[i]!) - h.firstIndex]!--
}
