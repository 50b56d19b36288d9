import { describe, expect, it } from 'vitest'
import { createHistogram } from './create-histogram.js'
import { histogramBuckets } from './histogram-buckets.js'
import { histogramFromBuckets } from './histogram-from-buckets.js'
import { histogramFromJSON } from './histogram-from-json.js'
import { histogramSummary } from './histogram-summary.js'
import { histogramToJSON } from './histogram-to-json.js'
import type { LogLinearHistogram } from './histogram-types.js'
import { mergeHistograms } from './merge-histograms.js'
import { recordValues } from './record-values.js'
import { samples } from './test-samples.js'

describe('histogramToJSON / histogramFromJSON', () => {
  it('round-trips through JSON text to the same buckets and summary', () => {
    for (const options of [{}, { subBucketBits: 5, lowestExponent: -8 }]) {
      const h = recordValues(createHistogram(options), samples('outliers', 50_000, 2))
      const back = histogramFromJSON(JSON.stringify(histogramToJSON(h))) as LogLinearHistogram
      expect([...histogramBuckets(back)]).toEqual([...histogramBuckets(h)])
      expect(histogramSummary(back)).toEqual(histogramSummary(h))
      // and it still merges with histograms recorded here
      expect(mergeHistograms(back, h).count).toBe(2 * h.count)
    }
    const empty = histogramFromJSON(JSON.stringify(histogramToJSON(createHistogram())))
    expect(empty).toEqual(createHistogram())
  })

  it('survives structuredClone, as between worker threads', () => {
    const h = recordValues(createHistogram(), samples('lognormal', 10_000, 5))
    expect(structuredClone(h)).toEqual(h)
    const copy = structuredClone(h)
    const moved = structuredClone(copy, { transfer: [copy.counts.buffer] })
    expect(moved).toEqual(h)
    expect(copy.counts.length).toBe(0) // detached: the buffer moved, no copy was made
  })

  it('round-trips bucket histograms with open-ended buckets', () => {
    const h = histogramFromBuckets([
      { lo: -Infinity, hi: 0, count: 1 },
      { lo: 0, hi: 10, count: 5 },
      { lo: 10, hi: Infinity, count: 2 },
    ])
    expect(histogramFromJSON(JSON.stringify(histogramToJSON(h)))).toEqual(h)
  })

  it('refuses corrupted input, saying what was expected', () => {
    const json = histogramToJSON(recordValues(createHistogram(), Float64Array.of(10, 20, 30)))
    if (json.kind !== 'logLinear') throw new Error('unreachable')
    expect(() => histogramFromJSON({ ...json, count: 4 })).toThrow(/summing to count 4/)
    expect(() => histogramFromJSON({ ...json, buckets: [...json.buckets].reverse() })).toThrow(/increasing/)
    expect(() => histogramFromJSON({ ...json, min: 5 })).toThrow(/min in the first bucket/)
    expect(() => histogramFromJSON({ ...json, max: 31 })).toThrow(/max in the last bucket/)
    expect(() => histogramFromJSON({ ...json, subBucketBits: 40 })).toThrow(/subBucketBits/)
    expect(() => histogramFromJSON('{"version": 2}')).toThrow(/version 1/)
  })
})
