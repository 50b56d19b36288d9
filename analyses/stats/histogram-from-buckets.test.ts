import { quantileSorted } from 'd3-array'
import { describe, expect, it } from 'vitest'
import { createHistogram } from './create-histogram.js'
import { histogramFromBuckets } from './histogram-from-buckets.js'
import { quantileBounds } from './quantile-bounds.js'
import { quantileIntervalFromHistogram } from './quantile-interval-from-histogram.js'
import { recordValues } from './record-values.js'
import { samples } from './test-samples.js'

// bpftrace 0.17.0 `-f json` output of runqlat's @usecs hist(), from
// shared/fixtures-real/bpftrace/runqlat-small.json: {min, max} are inclusive integers.
const runqlatJson = [
  { min: 1, max: 1, count: 77 },
  { min: 2, max: 3, count: 246 },
  { min: 4, max: 7, count: 129 },
  { min: 8, max: 15, count: 61 },
  { min: 16, max: 31, count: 353 },
  { min: 32, max: 63, count: 140 },
  { min: 64, max: 127, count: 9 },
  { min: 128, max: 255, count: 8 },
  { min: 256, max: 511, count: 7 },
  { min: 512, max: 1023, count: 12 },
  { min: 1024, max: 2047, count: 2 },
  { min: 2048, max: 4095, count: 0 },
  { min: 4096, max: 8191, count: 1 },
]

describe('histogramFromBuckets', () => {
  const h = histogramFromBuckets(runqlatJson.map((b) => ({ lo: b.min, hi: b.max + 1, count: b.count })))

  it('states percentiles of bpftrace buckets as the bucket bounds', () => {
    expect(h.count).toBe(1045)
    // Worked by hand: position (1045 - 1) * 0.5 = 522, rank 523; cumulative counts
    // 77, 323, 452, 513, 866: rank 523 lies in [16, 32).
    expect(quantileBounds(h, 0.5)).toEqual({ low: 16, high: 32 })
    // p99: position 1033.56 -> ranks 1034 and 1035; cumulative ... 1021, 1030, 1042: both in [512, 1024)
    expect(quantileBounds(h, 0.99)).toEqual({ low: 512, high: 1024 })
    // p90: position 939.6 -> ranks 940, 941; cumulative 866, 1006: in [32, 64)
    expect(quantileBounds(h, 0.9)).toEqual({ low: 32, high: 64 })
    expect(quantileBounds(h, 1)).toEqual({ low: 4096, high: 8192 })
  })

  it('gives a confidence interval from bucket bounds, with no point estimate', () => {
    const ci = quantileIntervalFromHistogram(h, 0.5)!
    // 95 % median ranks for n = 1045: 491 and 555 (normal approx: 523 +- 1.96 * sqrt(1045) / 2 = 523 +- 31.7)
    expect(Math.abs(ci.lowerRank - 491.3)).toBeLessThan(2)
    expect(Math.abs(ci.upperRank - 554.7)).toBeLessThan(2)
    // ranks 491 (in [8, 16): cumulative 452 .. 513) and 555 (in [16, 32))
    expect(ci).toMatchObject({ low: 8, high: 32, estimate: null })
  })

  it('brackets the exact quantile of the values it was built from', () => {
    const values = samples('lognormal', 50_000, 17)
    const sorted = Array.from(Float64Array.from(values).sort())
    const buckets = []
    for (let lo = 1; lo < 1e9; lo *= 2) {
      buckets.push({ lo, hi: lo * 2, count: values.filter((v) => v >= lo && v < lo * 2).length })
    }
    const below = values.filter((v) => v < 1).length
    const h = histogramFromBuckets([{ lo: 0, hi: 1, count: below }, ...buckets])
    for (let p = 0; p <= 100; p++) {
      const exact = quantileSorted(sorted, p / 100)!
      const bounds = quantileBounds(h, p / 100)!
      expect(bounds.low).toBeLessThanOrEqual(exact)
      expect(exact).toBeLessThanOrEqual(bounds.high)
    }
  })

  it('refuses unsorted, overlapping or malformed buckets', () => {
    expect(() => histogramFromBuckets([{ lo: 2, hi: 4, count: 1 }, { lo: 3, hi: 5, count: 1 }])).toThrow(/sorted and disjoint/)
    expect(() => histogramFromBuckets([{ lo: 4, hi: 4, count: 1 }])).toThrow(/lo < hi/)
    expect(() => histogramFromBuckets([{ lo: 0, hi: 4, count: 1.5 }])).toThrow(/integer count/)
    expect(() => histogramFromBuckets([{ lo: 0, hi: 4, count: -1 }])).toThrow(/integer count/)
  })
})

describe('quantileIntervalFromHistogram', () => {
  it('brackets the exact order statistics of its ranks and the sample quantile', () => {
    const values = samples('pareto', 100_000, 23)
    const sorted = Array.from(Float64Array.from(values).sort())
    const h = recordValues(createHistogram(), values)
    for (const q of [0.5, 0.9, 0.99, 0.999, 0.9999]) {
      const ci = quantileIntervalFromHistogram(h, q)!
      expect(ci.low).toBeLessThanOrEqual(sorted[ci.lowerRank - 1]!)
      expect(ci.high).toBeGreaterThanOrEqual(sorted[ci.upperRank - 1]!)
      // widened by no more than one bucket
      expect(ci.low).toBeGreaterThanOrEqual(sorted[ci.lowerRank - 1]! * (1 - 2 ** -9))
      expect(ci.high).toBeLessThanOrEqual(sorted[ci.upperRank - 1]! * (1 + 2 ** -9))
      expect(ci.low).toBeLessThanOrEqual(ci.estimate!)
      expect(ci.estimate!).toBeLessThanOrEqual(ci.high)
      expect(ci.coverage).toBeGreaterThanOrEqual(0.95)
    }
    expect(quantileIntervalFromHistogram(recordValues(createHistogram(), samples('pareto', 300, 1)), 0.99)).toBeNull()
  })
})
