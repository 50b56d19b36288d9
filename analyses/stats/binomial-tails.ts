/** Tail probabilities of a binomial(n, q) count B, over the k where they are not negligible. */
export interface BinomialTails {
  /** Smallest k of the window; below it both P(B = k) and P(B <= k) are under 1e-40. */
  first: number
  /** atMost[k - first] = P(B <= k). */
  atMost: Float64Array
  /** atLeast[k - first] = P(B >= k), summed from the top so small tails keep their digits. */
  atLeast: Float64Array
}

// Terms smaller than this relative to the mode's are dropped: they cannot move a tail
// probability compared against any confidence level a report would use.
const NEGLIGIBLE = 1e-40

/**
 * P(B <= k) and P(B >= k) for B ~ binomial(n, q), from the probability ratios of
 * neighbouring k walked out from the mode and normalized by their total: no factorials or
 * lgamma, and O(sqrt(n q (1 - q))) terms, so n in the billions (events in a trace) is fine.
 * For n = 0 the window is the single certain outcome B = 0.
 */
export function binomialTails(n: number, q: number): BinomialTails {
  if (!(Number.isSafeInteger(n) && n >= 0)) throw new RangeError(`n must be a non-negative integer, got ${n}`)
  if (!(q > 0 && q < 1)) throw new RangeError(`q must be in (0, 1), got ${q}`)
  const mode = Math.min(n, Math.floor((n + 1) * q))
  const odds = q / (1 - q)
  const below: number[] = []
  for (let k = mode, term = 1; k > 0; k--) {
    term *= k / ((n - k + 1) * odds) // P(k - 1) / P(k)
    if (term < NEGLIGIBLE) break
    below.push(term)
  }
  const above: number[] = []
  for (let k = mode, term = 1; k < n; k++) {
    term *= ((n - k) * odds) / (k + 1) // P(k + 1) / P(k)
    if (term < NEGLIGIBLE) break
    above.push(term)
  }
  const first = mode - below.length
  const pmf = Float64Array.from([...below.reverse(), 1, ...above])
  let total = 0
  for (const p of pmf) total += p
  const atMost = new Float64Array(pmf.length)
  const atLeast = new Float64Array(pmf.length)
  let sum = 0
  for (let i = 0; i < pmf.length; i++) atMost[i] = sum += pmf[i]! / total
  sum = 0
  for (let i = pmf.length - 1; i >= 0; i--) atLeast[i] = sum += pmf[i]! / total
  return { first, atMost, atLeast }
}
