// The usual layout of one tracepoint's payload, written as the kernel's print fmt
// (`prev_comm=%s prev_pid=%d ...`). Matching the literals in order is the fast path; a payload
// that differs (another kernel's layout) falls back to the general key=value scan.

import { fieldKey } from './key-value-fields.js'

export class PayloadTemplate {
  /** field names in order, as fieldKey() arrays */
  readonly keys: Uint8Array[]
  /** the literal before each value, e.g. ` prev_pid=` */
  readonly literals: Uint8Array[]
  /** where, inside each literal, its key starts and ends (before '=') */
  readonly keyOffset: Int32Array
  readonly keyLength: Int32Array

  constructor(format: string) {
    const parts = format.split(/%[sd]/)
    parts.pop()
    const enc = new TextEncoder()
    this.literals = parts.map((p) => enc.encode(p))
    this.keyOffset = new Int32Array(parts.length)
    this.keyLength = new Int32Array(parts.length)
    this.keys = parts.map((p) => fieldKey(/([A-Za-z0-9_]+)=$/.exec(p)?.[1] ?? ''))
    parts.forEach((p, i) => {
      const key = /([A-Za-z0-9_]+)=$/.exec(p)
      this.keyOffset[i] = key === null ? p.length : key.index
      this.keyLength[i] = key === null ? 0 : key[1].length
    })
  }
}
