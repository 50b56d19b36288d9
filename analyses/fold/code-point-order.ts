// stackcollapse-perf.pl sorts its keys with Perl's `cmp` on the input bytes; for UTF-8 text
// that is Unicode code point order. JS `<` compares UTF-16 code units, which disagrees only
// where a surrogate pair (a code point above U+FFFF) meets a code unit U+E000..U+FFFF.

const HIGH_UNITS = /[\ud800-\uffff]/

/** Indices of `strings` in code point order of the strings (stable for equal strings). */
export function codePointOrder(strings: readonly string[]): number[] {
  const order = Array.from(strings, (_, i) => i)
  const high = strings.map((s) => HIGH_UNITS.test(s))
  return order.sort((i, j) => {
    const a = strings[i]
    const b = strings[j]
    if (high[i] && high[j]) return compareHigh(a, b) || i - j
    return a < b ? -1 : a > b ? 1 : i - j
  })
}

function compareHigh(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let k = 0; k < n; k++) {
    const x = a.charCodeAt(k)
    const y = b.charCodeAt(k)
    if (x !== y) return rank(x) - rank(y)
  }
  return a.length - b.length
}

/** Moves surrogates above U+E000..U+FFFF, as the code points they encode are. */
function rank(unit: number): number {
  if (unit < 0xd800) return unit
  return unit <= 0xdfff ? unit + 0x2000 : unit - 0x800
}
