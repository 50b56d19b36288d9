// The event line of `perf script`: the fields its -F list selects, in perf's fixed order,
//   comm  [pid/]tid  [cpu]  time:  [period]  event:  payload | ip sym+off (dso)
// e.g. `            perf 14387 [000]  1246.206458:       sched:sched_wakeup: comm=... pid=18`.
// The comm is right-aligned and may hold spaces, so the comm ends where the rest parses.

import { readTimestamp, type Timestamp } from '../payload/parse-number.js'

const SPACE = 0x20
const COLON = 0x3a

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

const RECORD = new TextEncoder().encode('PERF_RECORD_')

export class HeaderLine {
  commStart = -1
  commEnd = -1
  pid = -1
  tid = -1
  cpu = -1
  /** ns as an exact double; NaN when no time is printed */
  ts = NaN
  private readonly time: Timestamp = { value: 0, isCount: false }
  period = NaN
  /** event name without its trailing ':'; nameStart -1 when not printed */
  nameStart = -1
  nameEnd = -1
  /** a side-band record (`PERF_RECORD_LOST lost 472`) rather than an event */
  record = false
  /** what follows the event name (payload or ip/sym/dso), trimmed */
  restStart = 0
  restEnd = 0

  /** `start` is the line's first non-blank byte, `end` its end without the newline. */
  read(bytes: Uint8Array, start: number, end: number): boolean {
    for (let p = start + 1; p < end; p++) {
      if (bytes[p] !== SPACE) continue
      let q = p + 1
      while (q < end && bytes[q] === SPACE) q++
      if (q >= end) break
      const c = bytes[q]
      const number = isDigit(c) || (c === 0x2d && q + 1 < end && isDigit(bytes[q + 1]))
      if ((number || c === 0x5b) && this.readFields(bytes, q, end)) {
        this.commStart = start
        this.commEnd = p
        return true
      }
      p = q
    }
    if (!isDigit(bytes[start]) || !this.readFields(bytes, start, end)) return false
    this.commStart = -1
    this.commEnd = -1
    return true
  }

  private readFields(b: Uint8Array, q: number, end: number): boolean {
    this.pid = -1
    this.tid = -1
    this.cpu = -1
    this.ts = NaN
    this.period = NaN
    this.nameStart = -1
    this.nameEnd = -1
    this.record = false
    let i = q
    // [pid/]tid, unless this number is already the time; perf prints -1 for an unknown thread
    const negative = b[i] === 0x2d
    if (negative) {
      if (!isDigit(b[++i])) return false
    }
    if (isDigit(b[i])) {
      let n = 0
      while (i < end && isDigit(b[i])) n = n * 10 + b[i++] - 0x30
      if (negative) n = -1
      if (i < end && b[i] === 0x2f) {
        let t = 0
        const unknown = b[++i] === 0x2d
        if (unknown) i++
        const s = i
        while (i < end && isDigit(b[i])) t = t * 10 + b[i++] - 0x30
        if (i === s) return false
        this.pid = n
        this.tid = unknown ? -1 : t
      } else if (i < end && b[i] === 0x2e && !negative) {
        i = q
      } else {
        this.tid = n
      }
      if (i !== q) {
        if (i < end && b[i] !== SPACE) return false
        while (i < end && b[i] === SPACE) i++
      }
    }
    if (i < end && b[i] === 0x5b) {
      let n = 0
      const s = ++i
      while (i < end && isDigit(b[i])) n = n * 10 + b[i++] - 0x30
      if (i === s || i >= end || b[i] !== 0x5d) return false
      this.cpu = n
      i++
      if (i < end && b[i] !== SPACE) return false
      while (i < end && b[i] === SPACE) i++
    }
    i = this.readTime(b, i, end)
    if (i < 0) return false
    const hasTime = !Number.isNaN(this.ts)
    if (!hasTime && i === q) return false
    // period: a number followed by the event name or by nothing
    if (i < end && isDigit(b[i])) {
      let j = i
      let n = 0
      while (j < end && isDigit(b[j])) n = n * 10 + b[j++] - 0x30
      if (j === end || b[j] === SPACE) {
        let k = j
        while (k < end && b[k] === SPACE) k++
        if (k === end || this.eventTokenEnd(b, k, end) > 0) {
          this.period = n
          i = k
        }
      }
    }
    const te = i < end ? this.eventTokenEnd(b, i, end) : -1
    if (te > 0) {
      this.nameStart = i
      this.nameEnd = this.record ? te : te - 1
      i = te
      while (i < end && (b[i] === SPACE || (this.record && b[i] === COLON))) i++
    } else if (!hasTime) {
      return false
    }
    let e = end
    while (e > i && b[e - 1] === SPACE) e--
    this.restStart = i
    this.restEnd = e
    return true
  }

  /** `secs.frac:` (µs or ns digits) as ns built from the digits, never from a float. Returns -1 when malformed. */
  private readTime(b: Uint8Array, i: number, end: number): number {
    if (i >= end || !isDigit(b[i])) return i
    let j = readTimestamp(b, i, end, this.time)
    if (j < 0) return -1
    if (this.time.isCount) return i // a number, not a time: the period or nothing of ours
    if (j >= end || b[j] !== COLON) return -1
    this.ts = this.time.value
    j++
    if (j < end && b[j] !== SPACE) return -1
    while (j < end && b[j] === SPACE) j++
    return j
  }

  /** End of an event-name token (just after its ':'), or of a PERF_RECORD_ name; -1 if none here. */
  private eventTokenEnd(b: Uint8Array, i: number, end: number): number {
    let isRecord = true
    for (let k = 0; k < RECORD.length; k++) if (b[i + k] !== RECORD[k]) { isRecord = false; break }
    let j = i
    if (isRecord) {
      while (j < end && b[j] !== SPACE && b[j] !== COLON && b[j] !== 0x28) j++
      this.record = true
      return j
    }
    while (j < end && b[j] !== SPACE) j++
    return j - i > 1 && b[j - 1] === COLON ? j : -1
  }

  /** A record printed alone on its line (`PERF_RECORD_FINISHED_ROUND`). */
  readBareRecord(b: Uint8Array, start: number, end: number): boolean {
    for (let k = 0; k < RECORD.length; k++) if (b[start + k] !== RECORD[k]) return false
    let j = start + RECORD.length
    while (j < end && b[j] !== SPACE && b[j] !== COLON && b[j] !== 0x28) j++
    this.nameStart = start
    this.nameEnd = j
    return true
  }
}
