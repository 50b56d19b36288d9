// One event line of ftrace text, as /sys/kernel/tracing/trace, trace_pipe and `trace-cmd report`
// print it:   <comm>-<pid> [(<tgid>)] [<cpu>] [<flags>] <timestamp>: <name>: <payload>
// The comm may hold spaces, dashes and brackets, so the line is anchored on the ` [NNN]` CPU
// field, and the pid is the digits between the last '-' and that field (or the TGID column).
import { parseTimestamp, type Timestamp } from './timestamp.js'

const SPACE = 0x20
const TAB = 0x09

export const isBlank = (c: number): boolean => c === SPACE || c === TAB
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39

export class EventLine {
  commStart = 0
  commEnd = 0
  tid = 0
  /** thread group id from the TGID column (options/record-tgid); -1 when not printed or `-------` */
  tgid = -1
  cpu = 0
  /** the irq-info/latency column (`d..2.`, `dNh1.`); flagsStart -1 when not printed */
  flagsStart = -1
  flagsEnd = -1
  readonly time: Timestamp = { value: 0, isCount: false }
  nameStart = 0
  nameEnd = 0
  payloadStart = 0
  payloadEnd = 0
  /** the function tracer's `func <-parent` form: no event name printed */
  isFunctionEntry = false

  /** Parses bytes[start, end) (no newline). False when the line is not an event line. */
  parse(bytes: Uint8Array, start: number, end: number): boolean {
    let i = start
    while (i < end && isBlank(bytes[i])) i++
    this.commStart = i
    for (let b = i + 1; b < end; b++) {
      if (bytes[b] !== 0x5b || bytes[b - 1] !== SPACE) continue
      const after = this.cpuField(bytes, b, end)
      if (after < 0 || !this.taskBefore(bytes, i, b)) continue
      return this.rest(bytes, after, end)
    }
    return false
  }

  /** `[NNN]` at b: returns the index after `]`, or -1. */
  private cpuField(bytes: Uint8Array, b: number, end: number): number {
    let j = b + 1
    let cpu = 0
    while (j < end && isDigit(bytes[j])) cpu = cpu * 10 + bytes[j++] - 0x30
    if (j === b + 1 || j >= end || bytes[j] !== 0x5d) return -1
    this.cpu = cpu
    return j + 1
  }

  /** `comm-pid` and the optional `(  tgid)` before the CPU field at b. */
  private taskBefore(bytes: Uint8Array, commStart: number, b: number): boolean {
    let j = b - 1
    while (j > commStart && isBlank(bytes[j])) j--
    this.tgid = -1
    if (bytes[j] === 0x29) {
      let open = j - 1
      while (open > commStart && bytes[open] !== 0x28) open--
      if (bytes[open] !== 0x28) return false
      let tgid = 0
      let digits = 0
      for (let k = open + 1; k < j; k++) {
        const c = bytes[k]
        if (isDigit(c)) { tgid = tgid * 10 + c - 0x30; digits++ } else if (c !== SPACE && c !== 0x2d) return false
      }
      this.tgid = digits > 0 ? tgid : -1
      j = open - 1
      while (j > commStart && isBlank(bytes[j])) j--
    }
    let pid = 0
    let scale = 1
    const pidEnd = j + 1
    while (j > commStart && isDigit(bytes[j])) { pid += (bytes[j] - 0x30) * scale; scale *= 10; j-- }
    if (j === pidEnd - 1 || bytes[j] !== 0x2d || j < commStart) return false
    this.tid = pid
    this.commEnd = j
    return true
  }

  /** After the CPU field: flags, timestamp, name, payload. */
  private rest(bytes: Uint8Array, i: number, end: number): boolean {
    while (i < end && isBlank(bytes[i])) i++
    this.flagsStart = -1
    if (i < end && !isDigit(bytes[i])) {
      this.flagsStart = i
      while (i < end && !isBlank(bytes[i])) i++
      this.flagsEnd = i
      while (i < end && isBlank(bytes[i])) i++
    }
    const tsStart = i
    while (i < end && bytes[i] !== 0x3a) i++
    if (i >= end || !parseTimestamp(bytes, tsStart, i, this.time)) return false
    i++
    while (i < end && isBlank(bytes[i])) i++
    let lineEnd = end
    while (lineEnd > i && (isBlank(bytes[lineEnd - 1]) || bytes[lineEnd - 1] === 0x0d)) lineEnd--
    return this.nameAndPayload(bytes, i, lineEnd)
  }

  private nameAndPayload(bytes: Uint8Array, i: number, end: number): boolean {
    this.nameStart = i
    this.isFunctionEntry = false
    if (i < end && bytes[i] === 0x3c) {
      // `<stack trace>`, `<user stack trace>`: a name in angle brackets, no payload
      const close = bytes.indexOf(0x3e, i)
      if (close < 0 || close >= end) return false
      this.nameEnd = close + 1
      this.payloadStart = this.payloadEnd = close + 1
      return true
    }
    let j = i
    while (j < end && !(bytes[j] === 0x3a && (j + 1 === end || isBlank(bytes[j + 1]))) && !isBlank(bytes[j])) j++
    if (j === i) return false
    if (j < end && bytes[j] === 0x3a) {
      this.nameEnd = j
      j++
      while (j < end && isBlank(bytes[j])) j++
      this.payloadStart = j
      this.payloadEnd = end
      return true
    }
    if (j === end) {
      // an event printed with an empty payload and no colon (a bare trace_printk word)
      this.nameEnd = end
      this.payloadStart = this.payloadEnd = end
      return true
    }
    // the function tracer: `func <-parent`, or `func` alone without options/print-parent
    this.nameEnd = j
    this.payloadStart = i
    this.payloadEnd = end
    this.isFunctionEntry = true
    return true
  }
}
