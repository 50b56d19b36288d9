type GrowableArray = Float64Array | Int32Array | Uint32Array | Uint8Array | BigUint64Array

/** A copy of `a` in a new array of the same kind, `length` long (twice as long by default): the growth step of columns and id tables. */
export function grown<T extends GrowableArray>(a: T, length = Math.max(1, a.length * 2)): T {
  const next = new (a.constructor as new (n: number) => T)(length)
  next.set(a as never)
  return next
}
