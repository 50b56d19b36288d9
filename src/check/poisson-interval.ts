// Confidence interval for the mean of a Poisson count: event counts over a window (a rate)
// vary as Poisson, so "> 100 000 /s" is judged on the interval, not on count / window.

/** Standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`)
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const tail = (q: number): number =>
    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)))
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)))
  const q = p - 0.5
  const r = q * q
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
}

/** P(X <= k) for X ~ Poisson(mean), summed in log space so large means do not underflow. */
function poissonAtMost(k: number, mean: number): number {
  let logTerm = -mean
  let total = Math.exp(logTerm)
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(mean / i)
    total += Math.exp(logTerm)
  }
  return Math.min(1, total)
}

/** The mean at which P(X <= k) falls to p (it decreases with the mean). */
function meanWhereAtMost(k: number, p: number): number {
  let lo = 0
  let hi = k + 10 * Math.sqrt(k + 1) + 10
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2
    if (poissonAtMost(k, mid) > p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

// Above this many events the Wilson-Hilferty cube is within 0.01% of the exact bounds and
// the exact sums get long.
const EXACT_BELOW = 1000

/**
 * Two-sided interval for the Poisson mean given `count` events, at `confidence`: Garwood's
 * exact bounds — the means at which P(X >= count) and P(X <= count) are (1 - c) / 2 — by
 * bisection on the Poisson sums below 1000 events, and from the chi-square quantiles of the
 * Wilson-Hilferty cube above. Zero events give [0, -ln((1 - c) / 2)].
 */
export function poissonInterval(count: number, confidence = 0.95): { low: number; high: number } {
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`count must be a non-negative integer, got ${count}`)
  const tail = (1 - confidence) / 2
  if (count < EXACT_BELOW) {
    return { low: count === 0 ? 0 : meanWhereAtMost(count - 1, 1 - tail), high: meanWhereAtMost(count, tail) }
  }
  const z = normalQuantile(1 - tail)
  const cube = (k: number, sign: number): number => k * (1 - 1 / (9 * k) + (sign * z) / (3 * Math.sqrt(k))) ** 3
  return { low: cube(count, -1), high: cube(count + 1, 1) }
}
