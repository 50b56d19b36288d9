// The intervals check judges rates and proportions on, against published values: Garwood's
// exact Poisson bounds (as tabulated, e.g. Ulm 1990 / the chi-square form
// chi2(2k, a/2)/2, chi2(2k+2, 1-a/2)/2) and Clopper-Pearson bounds (as R's binom.test prints).
import { describe, expect, it } from 'vitest'
import { normalQuantile, poissonInterval } from '../src/check/poisson-interval.js'
import { proportionInterval } from '../src/check/proportion-interval.js'

describe('poissonInterval (95%)', () => {
  // k: [low, high] from chi-square quantiles (qchisq(0.025, 2k)/2, qchisq(0.975, 2k+2)/2)
  const garwood: [number, number, number][] = [
    [0, 0, 3.688879], [1, 0.025318, 5.571643], [2, 0.242209, 7.224688], [5, 1.623486, 11.668332],
    [10, 4.795389, 18.390356], [100, 81.363991, 121.626794],
  ]
  for (const [k, low, high] of garwood) {
    it(`${k} events: [${low}, ${high}]`, () => {
      const r = poissonInterval(k)
      expect(r.low).toBeCloseTo(low, 5)
      expect(r.high).toBeCloseTo(high, 5)
    })
  }
  it('the large-count approximation joins the exact bounds within 0.01%', () => {
    const a = poissonInterval(999)
    const b = poissonInterval(1000)
    // the exact bounds move by about 1 per event at this size
    expect(b.low - a.low).toBeGreaterThan(0.9)
    expect(b.low - a.low).toBeLessThan(1.1)
    expect(b.high - a.high).toBeGreaterThan(0.9)
    expect(b.high - a.high).toBeLessThan(1.1)
  })
  it('rejects a negative or fractional count', () => {
    expect(() => poissonInterval(-1)).toThrow(RangeError)
    expect(() => poissonInterval(1.5)).toThrow(RangeError)
  })
})

describe('proportionInterval (Clopper-Pearson, 95%)', () => {
  it('0 of 100: [0, 0.03621669]', () => {
    const r = proportionInterval(0, 100)
    expect(r.low).toBe(0)
    expect(r.high).toBeCloseTo(0.03621669, 6)
  })
  it('5 of 100: [0.01643188, 0.11283491]', () => {
    const r = proportionInterval(5, 100)
    expect(r.low).toBeCloseTo(0.01643188, 6)
    expect(r.high).toBeCloseTo(0.11283491, 6)
  })
  it('10 of 10: [0.6915029, 1]', () => {
    const r = proportionInterval(10, 10)
    expect(r.low).toBeCloseTo(0.6915029, 6)
    expect(r.high).toBe(1)
  })
})

describe('normalQuantile', () => {
  it('matches qnorm', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6)
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6)
  })
})
