// The usual layout of one tracepoint's payload, written as the kernel's print fmt
// (`prev_comm=%s prev_pid=%d ...`). Matching the literals in order is the fast path; a payload
// that differs (another kernel's layout) falls back to the general key=value scan.
import { fieldKey } from './key-value-fields.js'

export class PayloadTemplate {
  /** field names in order, as fieldKey() arrays */
  readonly keys: Uint8Array[]
  /** the literal before each value, e.g. ` prev_pid=` */
  readonly literals: Uint8Array[]
  /** 1 where the value is a `%d`: digits, read while matching */
  readonly numeric: Uint8Array

  constructor(format: string) {
    const parts = format.split(/%[sd]/)
    parts.pop()
    const enc = new TextEncoder()
    this.literals = parts.map((p) => enc.encode(p))
    this.keys = parts.map((p) => fieldKey(/([A-Za-z0-9_]+)=$/.exec(p)?.[1] ?? ''))
    this.numeric = Uint8Array.from(format.match(/%[sd]/g) ?? [], (m) => (m === '%d' ? 1 : 0))
  }
}
