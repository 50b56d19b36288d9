// Checked against BigInt arithmetic: the values are multiples of 2^-60 (any float64 of the
// ranges used is), so their exact sum is an integer count of 2^-60 that BigInt adds without
// error, and Number() of it rounds to nearest, ties to even, as exactSumOf must.
import { describe, expect, it } from 'vitest'
import { addExact, exactSumOf } from './exact-sum.js'

const SCALE = 2 ** 60

function bigSum(xs: number[]): number {
  let s = 0n
  for (const x of xs) s += BigInt(x * SCALE)
  return Number(s) / SCALE
}

function randomValues(n: number, seed: number): number[] {
  let state = seed
  const rand = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
  // magnitudes from 2^-20 to 2^20, both signs: enough spread for += to lose bits
  return Array.from({ length: n }, () => Math.round((rand() - 0.3) * 2 ** (rand() * 40 - 20) * 2 ** 40) / 2 ** 40)
}

describe('exact sum', () => {
  it('equals the exact sum rounded once, whatever the order and grouping', () => {
    const xs = randomValues(5000, 7)
    const expected = bigSum(xs)
    const forward = xs.reduce((p, x) => addExact(p, x), [] as number[])
    expect(exactSumOf(forward)).toBe(expected)
    const backward = [...xs].reverse().reduce((p, x) => addExact(p, x), [] as number[])
    expect(exactSumOf(backward)).toBe(expected)
    // two halves summed apart, then one's partials added into the other (a merge)
    const left = xs.slice(0, 1234).reduce((p, x) => addExact(p, x), [] as number[])
    const right = xs.slice(1234).reduce((p, x) => addExact(p, x), [] as number[])
    expect(exactSumOf(right.reduce((p, x) => addExact(p, x), [...left]))).toBe(expected)
    // the naive running sum does drift here, so the test can fail
    expect(xs.reduce((a, b) => a + b, 0)).not.toBe(expected)
  })

  it('cancels exactly and rounds a tie to even', () => {
    expect(exactSumOf([1e100, 1, -1e100].reduce((p, x) => addExact(p, x), [] as number[]))).toBe(1)
    // 1 + 2^-53 is half-way between 1 and its successor: ties to even gives 1; one more tiny
    // same-sign term makes it round up
    expect(exactSumOf([1, 2 ** -53].reduce((p, x) => addExact(p, x), [] as number[]))).toBe(1)
    expect(exactSumOf([1, 2 ** -53, 2 ** -80].reduce((p, x) => addExact(p, x), [] as number[]))).toBe(1 + 2 ** -52)
    expect(exactSumOf([])).toBe(0)
  })
})
