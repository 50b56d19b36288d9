import { describe, expect, it } from 'vitest'
import { createHistogram } from './create-histogram.js'
import { histogramBuckets } from './histogram-buckets.js'
import { histogramSummary } from './histogram-summary.js'
import { recordValue } from './record-value.js'
import { recordValues } from './record-values.js'
import { samples, seededRandom, type SampleShape } from './test-samples.js'

const shapes: SampleShape[] = ['lognormal', 'exponential', 'pareto', 'outliers', 'integerNs', 'subNs']

describe('recordValues', () => {
  it('puts each value in a bucket [lo, hi) that contains it, of relative width 2^-bits above 1', () => {
    const random = seededRandom(7)
    for (const subBucketBits of [1, 5, 9, 12, 20]) {
      for (let i = 0; i < 1000; i++) {
        // log-uniform from 1e-6 to 1e15, plus exact powers of two and their neighbours
        const base = 10 ** (-6 + 21 * random())
        const value = i % 3 === 0 ? 2 ** Math.round(Math.log2(base)) * (i % 2 ? 1 : 1 - Number.EPSILON) : base
        const h = recordValues(createHistogram({ subBucketBits }), Float64Array.of(value))
        const [bucket, ...rest] = [...histogramBuckets(h)]
        expect(rest).toEqual([])
        expect(bucket!.count).toBe(1)
        expect(bucket!.lo).toBeLessThanOrEqual(value)
        expect(value).toBeLessThan(bucket!.hi)
        const width = bucket!.hi - bucket!.lo
        // above 1 the width is 2^-bits of the power of two starting the bucket's octave
        if (bucket!.lo >= 1) expect(width).toBe(2 ** (Math.floor(Math.log2(bucket!.lo)) - subBucketBits))
        else expect(width).toBe(2 ** -subBucketBits)
      }
    }
  })

  it('counts the same as recording one value at a time', () => {
    for (const shape of shapes) {
      const values = samples(shape, 20_000, 3)
      const bulk = recordValues(createHistogram(), values)
      const single = createHistogram()
      for (const v of values) recordValue(single, v)
      expect([...histogramBuckets(bulk)]).toEqual([...histogramBuckets(single)])
      expect(bulk.count).toBe(single.count)
      expect(bulk.min).toBe(single.min)
      expect(bulk.max).toBe(single.max)
    }
  })

  it('keeps exact count, min, max and a stable mean and population stddev', () => {
    for (const shape of shapes) {
      const values = samples(shape, 200_000, 11)
      const h = createHistogram()
      // several batches, so the batch-combining path runs too
      for (let start = 0; start < values.length; start += 30_000) recordValues(h, values.subarray(start, start + 30_000))
      const sorted = Float64Array.from(values).sort()
      let sum = 0
      for (const v of values) sum += v
      const mean = sum / values.length
      let squares = 0
      for (const v of values) squares += (v - mean) ** 2
      const summary = histogramSummary(h)
      expect(summary.count).toBe(values.length)
      expect(summary.min).toBe(sorted[0])
      expect(summary.max).toBe(sorted[sorted.length - 1])
      expect(Math.abs(summary.mean / mean - 1)).toBeLessThan(1e-12)
      expect(Math.abs(summary.stddev / Math.sqrt(squares / values.length) - 1)).toBeLessThan(1e-9)
    }
  })

  it('keeps a tiny variance on top of a large offset (no catastrophic cancellation)', () => {
    const values = Float64Array.from({ length: 10_000 }, (_, i) => 1e12 + (i % 2))
    const summary = histogramSummary(recordValues(createHistogram(), values))
    expect(summary.stddev).toBeCloseTo(0.5, 9)
  })

  it('rejects negative, NaN and infinite values without recording any of the batch', () => {
    for (const bad of [-1, -1e-300, NaN, Infinity]) {
      const h = recordValues(createHistogram(), Float64Array.of(5))
      expect(() => recordValues(h, Float64Array.of(1, 2, bad))).toThrow(RangeError)
      expect(h.count).toBe(1)
      expect([...histogramBuckets(h)].map((b) => b.count)).toEqual([1])
      expect(() => recordValue(h, bad)).toThrow(RangeError)
    }
  })

  it('records a value several times at once', () => {
    const once = recordValue(createHistogram(), 1234.5, 3)
    expect(once).toEqual(recordValues(createHistogram(), Float64Array.of(1234.5, 1234.5, 1234.5)))
    expect(histogramSummary(once)).toMatchObject({ count: 3, min: 1234.5, max: 1234.5, stddev: 0 })
  })

  it('records zero and -0 in the first bucket', () => {
    const h = recordValues(createHistogram(), Float64Array.of(0, -0))
    expect([...histogramBuckets(h)]).toEqual([{ lo: 0, hi: 2 ** -9, count: 2 }])
  })
})
