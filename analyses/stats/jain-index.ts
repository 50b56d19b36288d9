/**
 * Jain's fairness index of allocations xs (CPU time per task, throughput per flow):
 * (sum x)^2 / (n * sum x^2), from 1/n when one task gets everything to 1 for equal shares
 * (Jain, Chiu and Hawe, DEC TR-301, 1984). NaN for no tasks or when all get zero;
 * a RangeError for a negative or non-finite allocation.
 */
export function jainIndex(xs: ArrayLike<number>): number {
  let sum = 0
  let sumOfSquares = 0
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!
    if (!(x >= 0 && x <= Number.MAX_VALUE)) throw new RangeError(`allocations must be finite and >= 0, got ${x} at index ${i}`)
    sum += x
    sumOfSquares += x * x
  }
  if (sumOfSquares === 0) return NaN
  return (sum * sum) / (xs.length * sumOfSquares)
}
