import { describe, expect, it } from 'vitest'
import { quantileConfidenceInterval } from './quantile-confidence-interval.js'
import { samplesNeededForQuantileCI } from './samples-needed-for-quantile-ci.js'
import { seededRandom } from './test-samples.js'

// Exact binomial tails in rational arithmetic (BigInt), independent of the float code:
// q = num / den, P(B <= k) = sum_{j <= k} C(n, j) num^j (den - num)^(n - j) / den^n.
function exactRanks(n: number, num: bigint, den: bigint, alphaHalfNum: bigint, alphaHalfDen: bigint) {
  const N = BigInt(n)
  const terms: bigint[] = []
  let binom = 1n
  for (let j = 0n; j <= N; j++) {
    terms.push(binom * num ** j * (den - num) ** (N - j))
    binom = (binom * (N - j)) / (j + 1n)
  }
  const total = den ** N
  // tail <= alpha/2  <=>  tail * alphaHalfDen <= alphaHalfNum * total
  const small = (tail: bigint) => tail * alphaHalfDen <= alphaHalfNum * total
  let lower = 0 // largest l with P(B <= l - 1) <= alpha/2
  let cumulative = 0n
  for (let k = 0; k <= n; k++) {
    cumulative += terms[k]!
    if (small(cumulative)) lower = k + 1
    else break
  }
  let upper = n + 1 // smallest u with P(B >= u) <= alpha/2
  cumulative = 0n
  for (let k = n; k >= 0; k--) {
    cumulative += terms[k]!
    if (small(cumulative)) upper = k
    else break
  }
  return lower < 1 || upper > n ? null : { lower, upper }
}

describe('quantileConfidenceInterval', () => {
  it('gives the published ranks for the median at 95 %', () => {
    // Classic tables of nonparametric median intervals (e.g. Conover, Practical
    // Nonparametric Statistics; Hahn and Meeker): n=6 -> (1, 6), n=10 -> (2, 9),
    // n=20 -> (6, 15), n=100 -> (40, 61) with coverage 0.9648.
    expect(quantileConfidenceInterval(6, 0.5)).toMatchObject({ lower: 1, upper: 6 })
    expect(quantileConfidenceInterval(10, 0.5)).toMatchObject({ lower: 2, upper: 9 })
    expect(quantileConfidenceInterval(20, 0.5)).toMatchObject({ lower: 6, upper: 15 })
    const ci = quantileConfidenceInterval(100, 0.5)!
    expect(ci).toMatchObject({ lower: 40, upper: 61 })
    expect(ci.coverage).toBeCloseTo(0.9648, 4)
    expect(quantileConfidenceInterval(5, 0.5)).toBeNull()
  })

  it('matches an exact rational binomial computation', () => {
    const cases: [number, bigint, bigint][] = [
      [0.5, 1n, 2n],
      [0.9, 9n, 10n],
      [0.99, 99n, 100n],
      [0.25, 1n, 4n],
    ]
    for (const [q, num, den] of cases) {
      for (const n of [1, 2, 7, 30, 59, 100, 250, 368, 400, 700]) {
        // 95 %: alpha/2 = 1/40;  99 %: 1/200
        expect(quantileConfidenceInterval(n, q, 0.95), `n ${n} q ${q} 95%`).toEqual(
          exactRanks(n, num, den, 1n, 40n) === null ? null : expect.objectContaining(exactRanks(n, num, den, 1n, 40n)),
        )
        expect(quantileConfidenceInterval(n, q, 0.99), `n ${n} q ${q} 99%`).toEqual(
          exactRanks(n, num, den, 1n, 200n) === null ? null : expect.objectContaining(exactRanks(n, num, den, 1n, 200n)),
        )
      }
    }
  })

  it('covers the true quantile at least as often as claimed (simulation)', () => {
    const random = seededRandom(99)
    for (const [n, q] of [
      [50, 0.9],
      [400, 0.99],
      [30, 0.5],
    ] as const) {
      const ci = quantileConfidenceInterval(n, q)!
      const trials = 4000
      let covered = 0
      const xs = new Float64Array(n)
      for (let t = 0; t < trials; t++) {
        for (let i = 0; i < n; i++) xs[i] = random() // uniform: x_q = q
        xs.sort()
        if (xs[ci.lower - 1]! <= q && q <= xs[ci.upper - 1]!) covered++
      }
      const sigma = Math.sqrt((ci.coverage * (1 - ci.coverage)) / trials)
      expect(ci.coverage).toBeGreaterThanOrEqual(0.95)
      expect(covered / trials).toBeGreaterThan(ci.coverage - 4 * sigma)
      expect(covered / trials).toBeLessThan(ci.coverage + 4 * sigma)
    }
  })

  it('works for trace-sized n, centred where the normal approximation says', () => {
    const n = 1e9
    const ci = quantileConfidenceInterval(n, 0.99)!
    const halfWidth = 1.959964 * Math.sqrt(n * 0.99 * 0.01)
    expect(Math.abs(ci.lower - (n * 0.99 - halfWidth))).toBeLessThan(3)
    expect(Math.abs(ci.upper - (n * 0.99 + halfWidth))).toBeLessThan(3)
  })
})

describe('samplesNeededForQuantileCI', () => {
  it('is the first n with an interval', () => {
    expect(samplesNeededForQuantileCI(0.5)).toBe(6)
    expect(samplesNeededForQuantileCI(0.99)).toBe(368)
    expect(samplesNeededForQuantileCI(0.999)).toBe(3688)
    for (const q of [0.1, 0.5, 0.9, 0.95, 0.99]) {
      for (const confidence of [0.9, 0.95, 0.99]) {
        const n = samplesNeededForQuantileCI(q, confidence)
        // independent check: (1-q)^n and q^n both <= alpha/2, not both for n - 1
        const alphaHalf = (1 - confidence) / 2
        expect(Math.max((1 - q) ** n, q ** n)).toBeLessThanOrEqual(alphaHalf)
        expect(Math.max((1 - q) ** (n - 1), q ** (n - 1))).toBeGreaterThan(alphaHalf)
        expect(quantileConfidenceInterval(n, q, confidence)).not.toBeNull()
        expect(quantileConfidenceInterval(n - 1, q, confidence)).toBeNull()
      }
    }
  })
})
