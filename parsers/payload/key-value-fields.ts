// Splits a tracepoint payload as the kernel's print fmt writes it: `key=value key=value ...`.
// A value runs to the next ` ident=` (so `prev_comm=Web Content prev_pid=7` keeps its space)
// or to sched_switch's ` ==> ` separator. Positions go to typed arrays reused for every line.
import { bytesEqual, parseDecimal } from './parse-number.js'
import type { PayloadTemplate } from './payload-template.js'

const MAX_FIELDS = 64

const keys = new Map<string, Uint8Array>()

/** The one byte array of a field name, so a template's keys compare by identity. */
export function fieldKey(name: string): Uint8Array {
  let k = keys.get(name)
  if (k === undefined) {
    k = new TextEncoder().encode(name)
    keys.set(name, k)
  }
  return k
}

function isIdent(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
}

/** Is bytes[at..] an identifier followed by '=' (or the `==>` separator)? */
function startsField(bytes: Uint8Array, at: number, end: number): boolean {
  if (at + 2 < end && bytes[at] === 0x3d && bytes[at + 1] === 0x3d && bytes[at + 2] === 0x3e) return true
  let i = at
  while (i < end && isIdent(bytes[i])) i++
  return i > at && i < end && bytes[i] === 0x3d
}

export class KeyValueFields {
  count = 0
  bytes: Uint8Array = new Uint8Array(0)
  /** the template the last payload followed, null after a general scan */
  private matched: PayloadTemplate | null = null
  readonly keyStart = new Int32Array(MAX_FIELDS)
  readonly keyEnd = new Int32Array(MAX_FIELDS)
  readonly valueStart = new Int32Array(MAX_FIELDS)
  readonly valueEnd = new Int32Array(MAX_FIELDS)
  /** values of a template's `%d` fields */
  private readonly numbers = new Float64Array(MAX_FIELDS)

  /** The template's layout if the payload follows it, else the general scan. */
  read(template: PayloadTemplate, bytes: Uint8Array, start: number, end: number): boolean {
    return this.match(template, bytes, start, end) || this.scan(bytes, start, end)
  }

  /**
   * Each literal of the template in turn; a `%s` value runs to the next literal (or the end),
   * a `%d` value is read as it is crossed. Keys are then the template's.
   */
  match(t: PayloadTemplate, bytes: Uint8Array, start: number, end: number): boolean {
    this.bytes = bytes
    const lits = t.literals
    const n = lits.length
    let lit = lits[0]
    let length = lit.length
    if (start + length > end) return false
    for (let k = 0; k < length; k++) if (bytes[start + k] !== lit[k]) return false
    let v = start + length
    for (let f = 0; f < n; f++) {
      this.valueStart[f] = v
      let j = v
      if (t.numeric[f] === 1) {
        let x = 0
        if (j < end && bytes[j] === 0x2d) j++
        const digits = j
        for (; j < end; j++) {
          const d = bytes[j] - 0x30
          if (d < 0 || d > 9) break
          x = x * 10 + d
        }
        if (j === digits) return false
        this.numbers[f] = bytes[v] === 0x2d ? -x : x
      }
      if (f === n - 1) {
        // a field the template does not know after the last one: not this layout
        if (t.numeric[f] === 1) {
          for (let k = j; k < end; k++) if (bytes[k] !== 0x20) return false
        } else {
          for (let k = v; k < end; k++) if (bytes[k] === 0x20 && startsField(bytes, k + 1, end)) return false
        }
        this.valueEnd[f] = end
        break
      }
      lit = lits[f + 1]
      length = lit.length
      const last = end - length
      if (t.numeric[f] === 1) {
        if (j > last) return false
        for (let k = 0; k < length; k++) if (bytes[j + k] !== lit[k]) return false
      } else {
        const first = lit[0]
        while (j <= last) {
          if (bytes[j] === first) {
            let k = 1
            while (k < length && bytes[j + k] === lit[k]) k++
            if (k === length) break
          }
          j++
        }
        if (j > last) return false
      }
      this.valueEnd[f] = j
      v = j + length
    }
    this.count = n
    this.matched = t
    return true
  }

  /** Field f as a decimal number: NaN when f is -1 or the value is not a number. */
  int(f: number): number {
    if (f < 0) return NaN
    if (this.matched !== null && this.matched.numeric[f] === 1) return this.numbers[f]
    return parseDecimal(this.bytes, this.valueStart[f], this.valueEnd[f])
  }

  /** Returns false when the payload is not a key=value list (then `count` is meaningless). */
  scan(bytes: Uint8Array, start: number, end: number): boolean {
    this.bytes = bytes
    this.matched = null
    let n = 0
    let i = start
    while (i < end) {
      while (i < end && bytes[i] === 0x20) i++
      if (i >= end) break
      if (bytes[i] === 0x3d && i + 2 < end && bytes[i + 1] === 0x3d && bytes[i + 2] === 0x3e) { i += 3; continue }
      const k = i
      while (i < end && isIdent(bytes[i])) i++
      if (i === k || i >= end || bytes[i] !== 0x3d || n === MAX_FIELDS) return false
      this.keyStart[n] = k
      this.keyEnd[n] = i
      const v = ++i
      for (; i < end; i++) {
        if (bytes[i] !== 0x20) continue
        let j = i + 1
        while (j < end && bytes[j] === 0x20) j++
        if (j >= end || startsField(bytes, j, end)) break
      }
      let ve = i
      while (ve > v && bytes[ve - 1] === 0x20) ve--
      this.valueStart[n] = v
      this.valueEnd[n] = ve
      n++
    }
    this.count = n
    return n > 0
  }

  /** Index of the field named `key` (a fieldKey() array), trying position `hint` first (the print fmt's order); -1 if absent. */
  find(key: Uint8Array, hint: number): number {
    const m = this.matched
    if (m !== null) return m.keys[hint] === key ? hint : m.keys.indexOf(key)
    if (hint < this.count && this.keyIs(hint, key)) return hint
    for (let f = 0; f < this.count; f++) if (f !== hint && this.keyIs(f, key)) return f
    return -1
  }

  private keyIs(f: number, key: Uint8Array): boolean {
    return this.keyEnd[f] - this.keyStart[f] === key.length && bytesEqual(this.bytes, this.keyStart[f], key)
  }
}
