// Decimal text of integers built from a table of 3-digit groups. String(n), a template
// literal and toString() put every new n in V8's number-to-string cache, which keeps the
// string alive until the next scavenge promotes it; another number then takes the cache
// slot and the string dies in the old generation. One per event field made most of the
// transcoder's old-space garbage (tens of MB between full collections).

const GROUPS = Array.from({ length: 1000 }, (_, i) => String(i))
const PADDED_GROUPS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'))

/** What `String(n)` gives, for any number. */
export function decimalText(n: number): string {
  if (n >= 0 && n < 1000 && Number.isInteger(n)) return GROUPS[n]!
  if (!Number.isSafeInteger(n)) return String(n)
  if (n < 0) return `-${decimalText(-n)}`
  const high = Math.floor(n / 1000)
  return decimalText(high) + PADDED_GROUPS[n - high * 1000]!
}

/** `String(n).padStart(3, '0')`. */
export function threeDigits(n: number): string {
  return n >= 0 && n < 1000 && Number.isInteger(n) ? PADDED_GROUPS[n]! : decimalText(n).padStart(3, '0')
}

/** `String(n).padStart(9, '0')` for an integer 0 <= n < 10^9 (nanoseconds of a second). */
export function nineDigits(n: number): string {
  const millions = Math.floor(n / 1e6)
  const thousands = Math.floor(n / 1e3) - millions * 1000
  return PADDED_GROUPS[millions]! + PADDED_GROUPS[thousands]! + PADDED_GROUPS[n - millions * 1e6 - thousands * 1000]!
}
