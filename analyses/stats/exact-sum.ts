// A float sum with no rounding until it is read (Shewchuk's non-overlapping partials, the
// algorithm of Python's math.fsum). The value read depends only on the multiset of numbers
// added, not on their order or grouping: sums folded per segment and merged in any cut agree
// bit for bit with one pass, which a running `+=` does not.

/** Adds x to the partials (kept in increasing magnitude, non-overlapping), in place. */
export function addExact(partials: number[], x: number): number[] {
  let kept = 0
  for (let j = 0; j < partials.length; j++) {
    let y = partials[j]!
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x]
    const hi = x + y
    const lo = y - (hi - x)
    if (lo !== 0) partials[kept++] = lo
    x = hi
  }
  partials.length = kept
  partials.push(x)
  return partials
}

/** The sum the partials hold, correctly rounded to the nearest float (ties to even). */
export function exactSumOf(partials: readonly number[]): number {
  let n = partials.length
  if (n === 0) return 0
  let hi = partials[--n]!
  let lo = 0
  while (n > 0) {
    const x = hi
    const y = partials[--n]!
    hi = x + y
    lo = y - (hi - x)
    if (lo !== 0) break
  }
  // hi + lo rounded half-way and the rest of the partials push the same way: round away.
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2
    const x = hi + y
    if (y === x - hi) hi = x
  }
  return hi
}
