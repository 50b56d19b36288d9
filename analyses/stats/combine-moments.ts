/** Count, mean and sum of squared deviations of a set of values. */
export interface Moments {
  count: number
  mean: number
  m2: number
}

/**
 * Moments of the union of two value sets (Chan, Golub and LeVeque's pairwise update).
 * Written symmetrically in a and b so that merging is commutative bit for bit; it stays
 * numerically stable because it never subtracts two large sums of squares.
 */
export function combineMoments(a: Moments, b: Moments): Moments {
  const count = a.count + b.count
  if (a.count === 0) return { count, mean: b.mean, m2: b.m2 }
  if (b.count === 0) return { count, mean: a.mean, m2: a.m2 }
  const delta = b.mean - a.mean
  return {
    count,
    mean: (a.count * a.mean + b.count * b.mean) / count,
    m2: a.m2 + b.m2 + ((delta * delta) * (a.count * b.count)) / count,
  }
}
