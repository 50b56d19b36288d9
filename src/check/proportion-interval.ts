// Clopper-Pearson interval for a proportion (deadline misses among jobs): exact, from the
// binomial tails, so it holds for the handful of misses a good run has.
import { binomialTails } from '../../analyses/stats/binomial-tails.js'

function atLeast(n: number, k: number, p: number): number {
  const t = binomialTails(n, p)
  const i = k - t.first
  if (i < 0) return 1
  return i >= t.atLeast.length ? 0 : t.atLeast[i]
}

/** Bisection on p of a tail probability that increases with p. */
function solve(f: (p: number) => number, target: number): number {
  let lo = 0
  let hi = 1
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (f(mid) < target) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** Bounds on the probability behind `successes` of `n` trials, at `confidence`. */
export function proportionInterval(successes: number, n: number, confidence = 0.95): { low: number; high: number } {
  if (!(Number.isInteger(n) && n > 0 && Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw new RangeError(`expected 0 <= successes <= n, n > 0 integers, got ${successes} of ${n}`)
  }
  const tail = (1 - confidence) / 2
  const low = successes === 0 ? 0 : solve((p) => atLeast(n, successes, p), tail)
  // P(B <= k) falls with p: solve 1 - P(B >= k + 1) = tail.
  const high = successes === n ? 1 : solve((p) => atLeast(n, successes + 1, p), 1 - tail)
  return { low, high }
}
