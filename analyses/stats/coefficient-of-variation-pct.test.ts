import { deviation, mean } from 'd3-array'
import { describe, expect, it } from 'vitest'
import { coefficientOfVariationPct } from './coefficient-of-variation-pct.js'
import { samples } from './test-samples.js'

describe('coefficientOfVariationPct', () => {
  it('uses the population standard deviation', () => {
    // mean 5, population variance ((3^2 + 1 + 1 + 3^2) / 4) = 5
    expect(coefficientOfVariationPct([2, 4, 6, 8])).toBeCloseTo((Math.sqrt(5) / 5) * 100, 12)
    expect(coefficientOfVariationPct([7, 7, 7])).toBe(0)
  })

  it('agrees with d3-array (sample deviation rescaled to population)', () => {
    const xs = Array.from(samples('lognormal', 10_000, 3))
    const n = xs.length
    const population = deviation(xs)! * Math.sqrt((n - 1) / n)
    expect(coefficientOfVariationPct(xs)).toBeCloseTo((population / mean(xs)!) * 100, 9)
  })

  it('keeps small spreads on a large offset', () => {
    expect(coefficientOfVariationPct([1e15 + 1, 1e15 - 1])).toBeCloseTo(1e-13, 20)
  })

  it('is NaN when empty or centred on zero', () => {
    expect(coefficientOfVariationPct([])).toBeNaN()
    expect(coefficientOfVariationPct([0, 0])).toBeNaN()
  })
})
