import { describe, expect, it } from 'vitest'
import { jainIndex } from './jain-index.js'

describe('jainIndex', () => {
  it('is 1 for equal shares and 1/n when one task gets everything', () => {
    expect(jainIndex([5, 5, 5, 5])).toBe(1)
    expect(jainIndex([0, 0, 7, 0])).toBe(0.25)
    expect(jainIndex([3])).toBe(1)
  })

  it('matches the worked values of Jain, Chiu and Hawe', () => {
    // k of n tasks sharing equally (the rest zero) gives k / n
    expect(jainIndex([1, 1, 1, 0, 0, 0, 0, 0, 0, 0])).toBeCloseTo(0.3, 15)
    // (1 + 2 + 3)^2 / (3 * (1 + 4 + 9)) = 36 / 42
    expect(jainIndex([1, 2, 3])).toBeCloseTo(36 / 42, 15)
    // scale-free
    expect(jainIndex([1e9, 2e9, 3e9])).toBeCloseTo(36 / 42, 15)
  })

  it('is NaN without allocations and refuses negative ones', () => {
    expect(jainIndex([])).toBeNaN()
    expect(jainIndex([0, 0])).toBeNaN()
    expect(() => jainIndex([1, -1])).toThrow(RangeError)
    expect(() => jainIndex(Float64Array.of(1, NaN))).toThrow(RangeError)
  })
})
