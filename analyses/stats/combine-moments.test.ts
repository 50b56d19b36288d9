import { describe, expect, it } from 'vitest'
import { combineMoments, type Moments } from './combine-moments.js'
import { samples } from './test-samples.js'

// Two-pass moments of one array, computed directly.
function direct(xs: ArrayLike<number>): Moments {
  let sum = 0
  for (let i = 0; i < xs.length; i++) sum += xs[i]!
  const mean = sum / xs.length
  let m2 = 0
  for (let i = 0; i < xs.length; i++) m2 += (xs[i]! - mean) ** 2
  return { count: xs.length, mean, m2 }
}

describe('combineMoments', () => {
  it('gives the moments of the concatenation', () => {
    const xs = samples('pareto', 30_000, 4)
    for (const cut of [1, 17, 15_000, 29_999]) {
      const combined = combineMoments(direct(xs.subarray(0, cut)), direct(xs.subarray(cut)))
      const whole = direct(xs)
      expect(combined.count).toBe(whole.count)
      expect(Math.abs(combined.mean / whole.mean - 1)).toBeLessThan(1e-12)
      expect(Math.abs(combined.m2 / whole.m2 - 1)).toBeLessThan(1e-10)
    }
  })

  it('is commutative bit for bit and treats an empty side as neutral', () => {
    const a = direct(samples('lognormal', 1000, 1))
    const b = direct(samples('exponential', 3000, 2))
    expect(combineMoments(a, b)).toEqual(combineMoments(b, a))
    const empty = { count: 0, mean: 0, m2: 0 }
    expect(combineMoments(a, empty)).toEqual(a)
    expect(combineMoments(empty, b)).toEqual(b)
  })

  it('keeps a small spread between two far-off groups', () => {
    // {1e12, 1e12 + 2} and {1e12 + 4}: mean 1e12 + 2, m2 = 4 + 0 + 4
    const combined = combineMoments({ count: 2, mean: 1e12 + 1, m2: 2 }, { count: 1, mean: 1e12 + 4, m2: 0 })
    expect(combined.mean).toBe(1e12 + 2)
    expect(combined.m2).toBeCloseTo(8, 6)
  })
})
