import { quantileSorted } from 'd3-array'
import { describe, expect, it } from 'vitest'
import { createHistogram } from './create-histogram.js'
import { histogramRelativeError } from './histogram-relative-error.js'
import { histogramSummary } from './histogram-summary.js'
import { recordValues } from './record-values.js'
import { samples, type SampleShape } from './test-samples.js'
import { valueAtQuantile } from './value-at-quantile.js'
import { valueAtRank } from './value-at-rank.js'

const shapes: SampleShape[] = ['lognormal', 'exponential', 'pareto', 'outliers', 'integerNs', 'subNs']

// Error allowed by the layout: relative above 2^lowestExponent (1 ns by default), half a
// linear-region bucket below.
function allowedError(exact: number, relativeError: number, subBucketBits: number): number {
  return Math.max(exact * relativeError, 2 ** -(subBucketBits + 1))
}

describe('valueAtQuantile', () => {
  it('is within the stated relative error of d3.quantile on the exact sort, at every percentile', () => {
    for (const shape of shapes) {
      const values = samples(shape, 300_000, 5)
      const sorted = Array.from(Float64Array.from(values).sort())
      for (const subBucketBits of [4, 9, 12]) {
        const h = recordValues(createHistogram({ subBucketBits }), values)
        const relativeError = histogramRelativeError(h)
        const qs = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 0.9999, 0.99999, 1]
        for (let p = 0; p <= 1000; p++) qs.push(p / 1000)
        for (const q of qs) {
          const exact = quantileSorted(sorted, q)!
          const estimate = valueAtQuantile(h, q)
          expect(Math.abs(estimate - exact), `${shape} bits ${subBucketBits} q ${q}`).toBeLessThanOrEqual(
            allowedError(exact, relativeError, subBucketBits),
          )
        }
      }
    }
  })

  it('keeps the relative error down to 2^lowestExponent when that is lowered', () => {
    const values = samples('subNs', 200_000, 8).map((v) => v * 1e-3)
    const sorted = Array.from(Float64Array.from(values).sort())
    const h = recordValues(createHistogram({ lowestExponent: -20 }), values)
    for (let p = 0; p <= 1000; p++) {
      const exact = quantileSorted(sorted, p / 1000)!
      const allowed = Math.max(exact * histogramRelativeError(h), 2 ** (-20 - h.subBucketBits - 1))
      expect(Math.abs(valueAtQuantile(h, p / 1000) - exact)).toBeLessThanOrEqual(allowed)
    }
  })

  it('is within the error for every order statistic of a million heavy-tailed values', () => {
    const values = samples('pareto', 1_000_000, 9)
    const h = recordValues(createHistogram(), values)
    const sorted = Array.from(Float64Array.from(values).sort())
    let worst = 0
    for (let rank = 1; rank <= sorted.length; rank += 7) {
      const exact = sorted[rank - 1]!
      worst = Math.max(worst, Math.abs(valueAtRank(h, rank) - exact) / exact)
    }
    expect(worst).toBeLessThanOrEqual(0.001)
    expect(worst).toBeLessThanOrEqual(histogramRelativeError(h))
    // and the bound is not vacuous: some order statistics do land near it
    expect(worst).toBeGreaterThan(histogramRelativeError(h) / 2)
  })

  it('gives the exact min and max at q = 0 and 1, NaN when empty', () => {
    const values = samples('lognormal', 1000, 2)
    const h = recordValues(createHistogram(), values)
    expect(valueAtQuantile(h, 0)).toBe(Math.min(...values))
    expect(valueAtQuantile(h, 1)).toBe(Math.max(...values))
    expect(valueAtQuantile(createHistogram(), 0.5)).toBeNaN()
    expect(() => valueAtQuantile(h, 1.5)).toThrow(RangeError)
  })

  it('summarizes with percentiles equal to d3.quantile within the error', () => {
    const values = samples('exponential', 100_000, 4)
    const sorted = Array.from(Float64Array.from(values).sort())
    const summary = histogramSummary(recordValues(createHistogram(), values))
    const expected = { p50: 0.5, p90: 0.9, p99: 0.99, p999: 0.999, p9999: 0.9999 }
    for (const [key, q] of Object.entries(expected)) {
      const exact = quantileSorted(sorted, q)!
      expect(Math.abs(summary[key as keyof typeof expected] - exact)).toBeLessThanOrEqual(exact * summary.relativeError)
    }
    expect(summary.relativeError).toBeLessThanOrEqual(0.001)
  })
})
