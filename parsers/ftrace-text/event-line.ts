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

  /**
   * A stack-trace entry, whose frames follow on ` => ` lines: the kernel prints `<stack trace>`
   * (or `<user stack trace>`) in place of the name, trace-cmd `kernel_stack: <stack trace >`.
   */
  isStackTrace(bytes: Uint8Array): boolean {
    if (bytes[this.nameStart] === 0x3c) return true
    if (bytes[this.payloadStart] !== 0x3c) return false
    const n = this.nameEnd - this.nameStart
    const name = n === 12 ? 'kernel_stack' : n === 10 ? 'user_stack' : null
    if (name === null) return false
    for (let k = 0; k < n; k++) if (bytes[this.nameStart + k] !== name.charCodeAt(k)) return false
    return true
  }

  /** Parses bytes[start, end) (no newline). False when the line is not an event line. */
  parse(bytes: Uint8Array, start: number, end: number): boolean {
    let i = start
    while (i < end && isBlank(bytes[i])) i++
    this.commStart = i
    for (let b = i + 1; b < end; b++) {
      if (bytes[b] !== 0x5b || bytes[b - 1] !== SPACE) continue
      const after = this.cpuField(bytes, b, end)
      if (after < 0 || !this.taskBefore(bytes, i, b)) continue
      this.skipBufferName(bytes)
      return this.rest(bytes, after, end)
    }
    return this.latencyForm(bytes, i, end)
  }

  /**
   * `trace-cmd report` names the buffer of a tracefs instance before each of its lines
   * (`fttext:             bash-12440 [000] ...`): not part of the comm.
   */
  private skipBufferName(bytes: Uint8Array): void {
    let j = this.commStart
    while (j < this.commEnd && !isBlank(bytes[j])) j++
    if (j >= this.commEnd || j === this.commStart || bytes[j - 1] !== 0x3a) return
    while (j < this.commEnd && isBlank(bytes[j])) j++
    if (j < this.commEnd) this.commStart = j
  }

  /**
   * `trace-cmd report -l`: the CPU number runs into the latency flags, without brackets:
   * `bash-12440   0.....  1253.513570: sched_process_fork: ...`.
   */
  private latencyForm(bytes: Uint8Array, start: number, end: number): boolean {
    for (let d = bytes.indexOf(0x2d, start + 1); d >= 0 && d < end; d = bytes.indexOf(0x2d, d + 1)) {
      let j = d + 1
      let pid = 0
      while (j < end && isDigit(bytes[j])) pid = pid * 10 + bytes[j++] - 0x30
      if (j === d + 1 || j >= end || !isBlank(bytes[j])) continue
      while (j < end && isBlank(bytes[j])) j++
      let cpu = 0
      const cpuStart = j
      while (j < end && isDigit(bytes[j])) cpu = cpu * 10 + bytes[j++] - 0x30
      if (j === cpuStart || j >= end || isBlank(bytes[j])) continue
      this.tid = pid
      this.tgid = -1
      this.cpu = cpu
      this.commEnd = d
      this.skipBufferName(bytes)
      this.flagsStart = j
      while (j < end && !isBlank(bytes[j])) j++
      this.flagsEnd = j
      return this.timeAndName(bytes, j, end)
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
    }
    return this.timeAndName(bytes, i, end)
  }

  private timeAndName(bytes: Uint8Array, i: number, end: number): boolean {
    while (i < end && isBlank(bytes[i])) i++
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
