import { describe, expect, it } from 'vitest'
import { createHistogram } from './create-histogram.js'
import { histogramBuckets } from './histogram-buckets.js'
import { histogramSummary } from './histogram-summary.js'
import type { LogLinearHistogram } from './histogram-types.js'
import { mergeHistograms } from './merge-histograms.js'
import { recordValues } from './record-values.js'
import { samples, seededRandom, type SampleShape } from './test-samples.js'

const shapes: SampleShape[] = ['lognormal', 'pareto', 'outliers', 'subNs']

// Deals values into k parts at random, as batches land on workers.
function splitRandomly(values: Float64Array, k: number, seed: number): Float64Array[] {
  const random = seededRandom(seed)
  const parts: number[][] = Array.from({ length: k }, () => [])
  for (const v of values) parts[Math.floor(random() * k)]!.push(v)
  return parts.map((p) => Float64Array.from(p))
}

function expectSameValues(merged: LogLinearHistogram, whole: LogLinearHistogram): void {
  expect([...histogramBuckets(merged)]).toEqual([...histogramBuckets(whole)])
  const a = histogramSummary(merged)
  const b = histogramSummary(whole)
  expect(a.count).toBe(b.count)
  expect(a.min).toBe(b.min)
  expect(a.max).toBe(b.max)
  for (const key of ['p50', 'p90', 'p99', 'p999', 'p9999'] as const) expect(a[key]).toBe(b[key])
  expect(Math.abs(a.mean / b.mean - 1)).toBeLessThan(1e-12)
  expect(Math.abs(a.stddev / b.stddev - 1)).toBeLessThan(1e-9)
}

describe('mergeHistograms', () => {
  it('equals the histogram of all values, bucket by bucket, whatever the split and merge order', () => {
    for (const shape of shapes) {
      const values = samples(shape, 200_000, 21)
      const whole = recordValues(createHistogram(), values)
      for (const k of [2, 3, 8]) {
        const parts = splitRandomly(values, k, k).map((p) => recordValues(createHistogram(), p))
        const leftFold = parts.reduce(mergeHistograms)
        const rightFold = parts.reduceRight(mergeHistograms)
        const tree = parts.length >= 4 ? mergeHistograms(mergeHistograms(parts[0]!, parts[1]!), parts.slice(2).reduce(mergeHistograms)) : leftFold
        for (const merged of [leftFold, rightFold, tree]) expectSameValues(merged, whole)
      }
    }
  })

  it('is commutative bit for bit, moments included', () => {
    const [a, b] = splitRandomly(samples('lognormal', 50_000, 8), 2, 1).map((p) => recordValues(createHistogram(), p))
    const ab = mergeHistograms(a!, b!)
    const ba = mergeHistograms(b!, a!)
    expect(ab).toEqual(ba)
  })

  it('leaves its inputs untouched, and merges empty histograms', () => {
    const a = recordValues(createHistogram(), samples('exponential', 1000, 1))
    const before = structuredClone(a)
    const empty = createHistogram()
    expect(mergeHistograms(a, empty)).toEqual(a)
    expect(mergeHistograms(empty, a)).toEqual(a)
    expect(mergeHistograms(empty, createHistogram())).toEqual(createHistogram())
    expect(a).toEqual(before)
  })

  it('refuses histograms of different layouts', () => {
    expect(() => mergeHistograms(createHistogram({ subBucketBits: 9 }), createHistogram({ subBucketBits: 10 }))).toThrow(RangeError)
    expect(() => mergeHistograms(createHistogram(), createHistogram({ lowestExponent: -10 }))).toThrow(RangeError)
  })
})
