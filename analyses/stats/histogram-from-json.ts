import { bucketBounds } from './bucket-bounds.js'
import { createHistogram } from './create-histogram.js'
import { growHistogramWindow } from './grow-histogram-window.js'
import { histogramFromBuckets } from './histogram-from-buckets.js'
import type { HistogramJSON } from './histogram-to-json.js'
import type { Histogram } from './histogram-types.js'

/**
 * The histogram that histogramToJSON described (accepts the parsed object or its text).
 * Checks what a corrupted or hand-edited file would break: bucket order, counts summing to
 * count, min and max inside the first and last buckets; throws a RangeError saying which.
 */
export function histogramFromJSON(json: HistogramJSON | string): Histogram {
  const data = (typeof json === 'string' ? JSON.parse(json) : json) as HistogramJSON
  const fail = (expected: string): never => {
    throw new RangeError(`histogram JSON: expected ${expected}; got ${JSON.stringify(data).slice(0, 160)}`)
  }
  if (data === null || typeof data !== 'object' || data.version !== 1) fail('an object with version 1')
  if (!Array.isArray(data.buckets)) fail('a buckets array')
  if (data.kind === 'buckets') {
    return histogramFromBuckets(data.buckets.map(([lo, hi, count]) => ({ lo: lo ?? -Infinity, hi: hi ?? Infinity, count })))
  }
  if (data.kind !== 'logLinear') fail('kind "logLinear" or "buckets"')
  const h = createHistogram({ subBucketBits: data.subBucketBits, lowestExponent: data.lowestExponent })
  let total = 0
  let previous = -Infinity
  for (const pair of data.buckets) {
    const [index, count] = Array.isArray(pair) ? pair : fail('[index, count] pairs')
    if (!(Number.isSafeInteger(index) && index >= 0 && index > previous)) fail('bucket indices increasing non-negative integers')
    if (!(Number.isSafeInteger(count) && count > 0)) fail(`a positive integer count at bucket ${index}`)
    previous = index
    total += count
  }
  if (total !== data.count) fail(`bucket counts summing to count ${data.count} (they sum to ${total})`)
  if (!(Number.isFinite(data.mean) && Number.isFinite(data.m2) && data.m2 >= 0)) fail('finite mean and m2 >= 0')
  if (total === 0) return h
  const [firstIndex] = data.buckets[0]!
  const [lastIndex] = data.buckets[data.buckets.length - 1]!
  const [firstLo, firstHi] = bucketBounds(h, firstIndex)
  const [lastLo, lastHi] = bucketBounds(h, lastIndex)
  const { min, max } = data
  if (!(typeof min === 'number' && min >= firstLo && min < firstHi)) fail(`min in the first bucket [${firstLo}, ${firstHi})`)
  if (!(typeof max === 'number' && max >= lastLo && max < lastHi)) fail(`max in the last bucket [${lastLo}, ${lastHi})`)
  growHistogramWindow(h, firstIndex)
  growHistogramWindow(h, lastIndex)
  for (const [index, count] of data.buckets) h.counts[index - h.firstIndex] = count
  h.count = total
  h.min = min!
  h.max = max!
  h.mean = data.mean
  h.m2 = data.m2
  return h
}
