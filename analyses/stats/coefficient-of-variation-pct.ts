/**
 * Coefficient of variation of xs in percent: population standard deviation (divided by n,
 * not n - 1: the tasks measured are all the tasks, not a sample of them) over the mean,
 * times 100. Two passes, so a large common offset does not cancel digits away.
 * NaN when xs is empty or its mean is 0.
 */
export function coefficientOfVariationPct(xs: ArrayLike<number>): number {
  const n = xs.length
  if (n === 0) return NaN
  let sum = 0
  for (let i = 0; i < n; i++) sum += xs[i]!
  const mean = sum / n
  if (mean === 0) return NaN
  let squares = 0
  for (let i = 0; i < n; i++) squares += (xs[i]! - mean) ** 2
  return (Math.sqrt(squares / n) / Math.abs(mean)) * 100
}
