/** A copy of `a` with twice its length: the growth step of the id tables that parsers fill. */
export function grownInt32(a: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(1, a.length * 2))
  next.set(a)
  return next
}
