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

/**
 * Two-sided interval for the Poisson mean given `count` events, at `confidence`: Garwood's
 * exact chi-square bounds, chi2(2k, a/2)/2 and chi2(2k+2, 1-a/2)/2, with the chi-square
 * quantiles from the Wilson-Hilferty cube (relative error under 1% from k = 1, far less
 * for the thousands of events a trace holds). Zero events give [0, -ln(a/2)].
 */
export function poissonInterval(count: number, confidence = 0.95): { low: number; high: number } {
  if (!(Number.isInteger(count) && count >= 0)) throw new RangeError(`count must be a non-negative integer, got ${count}`)
  const alpha = 1 - confidence
  const z = normalQuantile(1 - alpha / 2)
  const high = (k: number): number => k * (1 - 1 / (9 * k) + z / (3 * Math.sqrt(k))) ** 3
  if (count === 0) return { low: 0, high: -Math.log(alpha / 2) }
  const low = count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3
  return { low: Math.max(0, low), high: high(count + 1) }
}
