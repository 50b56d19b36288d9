// A float sum with no rounding until it is read (Shewchuk's non-overlapping partials, the
// algorithm of Python's math.fsum). The value read depends only on the multiset of numbers
// added, not on their order or grouping: sums folded per segment and merged in any cut agree
// bit for bit with one pass, which a running `+=` does not.
import { fsum } from 'd3-array'

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

/**
 * The sum the partials hold, correctly rounded: d3-array's fsum over them (its Adder is the
 * same algorithm, but keeps its partials inside a class, which structured clone does not
 * carry between workers; hence addExact on a plain array above).
 */
export function exactSumOf(partials: readonly number[]): number {
  return fsum(partials)
}
