// One line of the function_graph tracer's output (Documentation/trace/ftrace.rst), columns in
// the kernel's order, each optional except the CPU:
//   [abstime |] CPU) [comm-pid |] [flags |] [mark duration us |] <indent><function text>
// e.g. ` 0) + 12.345 us   |      }`, `7238523.638008 |   0)               |  finish_task_switch() {`.
// Besides calls it prints task switches (` 0)  bash-1234  =>  <idle>-0`), IRQ borders
// (`==========>` / `<==========`) and events as comments (`/* sched_switch: ... */`).
import { isBlank } from './event-line.js'
import { parseTimestamp, type Timestamp } from './timestamp.js'

export type GraphLineKind = 'entry' | 'leaf' | 'exit' | 'comment' | 'switch' | 'irq_enter' | 'irq_exit'

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39
const OVERHEAD_MARKS = [...'+!#*@$'].map((c) => c.charCodeAt(0))

export class GraphLine {
  kind: GraphLineKind = 'entry'
  /** absolute time (funcgraph-abstime); hasTime false without it */
  readonly time: Timestamp = { value: 0, isCount: false }
  hasTime = false
  /** -1 without the CPU column (nofuncgraph-cpu) */
  cpu = 0
  /** task from the funcgraph-proc column, or the task switched in on a `switch` line; -1 when not printed */
  tid = -1
  taskStart = -1
  taskEnd = -1
  /** the task switched out, on a `switch` line */
  prevTid = -1
  /** printed duration in ns, NaN when the line has none */
  durationNs = NaN
  /** overhead mark (+ ! # * @ $), 0 when none */
  mark = 0
  /** call depth from the indentation */
  depth = 0
  /** function name (entry, leaf; exit with funcgraph-tail), or the comment's text */
  textStart = 0
  textEnd = 0

  parse(bytes: Uint8Array, start: number, end: number): boolean {
    while (end > start && (isBlank(bytes[end - 1]) || bytes[end - 1] === 0x0d)) end--
    let i = skipBlanks(bytes, start, end)
    this.hasTime = false
    this.tid = this.prevTid = this.taskStart = -1
    this.durationNs = NaN
    this.mark = 0
    const bar = this.absTime(bytes, i, end)
    if (bar > 0) i = skipBlanks(bytes, bar, end)
    let cpu = 0
    const cpuStart = i
    while (i < end && isDigit(bytes[i])) cpu = cpu * 10 + bytes[i++] - 0x30
    if (i === cpuStart || i >= end || bytes[i] !== 0x29) {
      // nofuncgraph-cpu: no `N)` column, so a `|` column must show that this is a graph line
      this.cpu = -1
      return this.columns(bytes, bar > 0 ? bar : cpuStart, end, true)
    }
    this.cpu = cpu
    i++
    // IRQ borders and task switches come before any `|` (an event comment may hold `==>`)
    const firstBar = bytes.indexOf(0x7c, i)
    const head = firstBar < 0 || firstBar > end ? end : firstBar
    const border = findAscii(bytes, i, head, '==========')
    if (border >= 0) {
      this.kind = bytes[border + 10] === 0x3e ? 'irq_enter' : 'irq_exit'
      return true
    }
    const arrow = findAscii(bytes, i, head, '=>')
    if (arrow >= 0 && head === end) return this.taskSwitch(bytes, i, arrow, end)
    return this.columns(bytes, i, end)
  }

  /** `seconds.micro |` before the CPU: returns the index after the bar, or -1. */
  private absTime(bytes: Uint8Array, i: number, end: number): number {
    let j = i
    while (j < end && (isDigit(bytes[j]) || bytes[j] === 0x2e)) j++
    if (j === i || bytes[j - 1] === 0x29 || j >= end || bytes[j] === 0x29) return -1
    const tsEnd = j
    j = skipBlanks(bytes, j, end)
    if (bytes[j] !== 0x7c || !parseTimestamp(bytes, i, tsEnd, this.time)) return -1
    this.hasTime = true
    return j + 1
  }

  private taskSwitch(bytes: Uint8Array, i: number, arrow: number, end: number): boolean {
    this.kind = 'switch'
    this.prevTid = taskPid(bytes, skipBlanks(bytes, i, arrow), trimEnd(bytes, i, arrow))
    const s = skipBlanks(bytes, arrow + 2, end)
    this.tid = taskPid(bytes, s, end)
    this.taskStart = s
    this.taskEnd = end
    return this.tid >= 0
  }

  /** The optional proc, flags and duration columns, then the function text. */
  private columns(bytes: Uint8Array, i: number, end: number, needBar = false): boolean {
    // i is just after `)`: the kernel prints one blank, then either columns ending in `|` or the text
    let textAt = i < end && bytes[i] === 0x20 && !needBar ? i + 1 : i
    for (let guard = 0; guard < 3; guard++) {
      const bar = segmentEnd(bytes, textAt, end)
      if (bar < 0) break
      const s = skipBlanks(bytes, textAt, bar)
      const e = trimEnd(bytes, s, bar)
      if (s === e) { textAt = bar + 1; break }
      if (this.duration(bytes, s, e)) { textAt = bar + 1; break }
      const pid = taskPid(bytes, s, e)
      if (pid >= 0) { this.tid = pid; this.taskStart = s; this.taskEnd = e; textAt = bar + 1; continue }
      break
    }
    // after a `|` column the text is indented by two blanks plus two per level
    const afterBar = textAt > i && bytes[textAt - 1] === 0x7c
    if (needBar && !afterBar) return false
    let t = textAt
    while (t < end && bytes[t] === 0x20) t++
    const indent = t - textAt - (afterBar ? 2 : 0)
    if (indent < 0 || indent % 2 !== 0 || t >= end) return false
    this.depth = indent / 2
    return this.text(bytes, t, end)
  }

  /** `[mark] 12.345 us` or `1000131 us`. */
  private duration(bytes: Uint8Array, s: number, e: number): boolean {
    let i = s
    let mark = 0
    if (OVERHEAD_MARKS.includes(bytes[i])) { mark = bytes[i]; i = skipBlanks(bytes, i + 1, e) }
    if (e - i < 4 || bytes[e - 2] !== 0x75 || bytes[e - 1] !== 0x73) return false
    const numEnd = trimEnd(bytes, i, e - 2)
    let us = 0
    let j = i
    for (; j < numEnd && isDigit(bytes[j]); j++) us = us * 10 + bytes[j] - 0x30
    if (j === i) return false
    let ns = 0
    if (j < numEnd) {
      if (bytes[j] !== 0x2e) return false
      // the kernel keeps 8 characters for the number: `12345.67` is 12345.67x us, truncated, not rounded
      let scale = 100
      for (j++; j < numEnd; j++) {
        if (!isDigit(bytes[j]) || scale < 1) return false
        ns += (bytes[j] - 0x30) * scale
        scale /= 10
      }
    }
    this.durationNs = us * 1000 + ns
    this.mark = mark
    return true
  }

  private text(bytes: Uint8Array, t: number, end: number): boolean {
    if (bytes[t] === 0x7d) {
      this.kind = 'exit'
      // funcgraph-tail: `} /* name */` (or `} /* name = ret */` with funcgraph-retval)
      this.textStart = this.textEnd = -1
      const c = findAscii(bytes, t, end, '/*')
      if (c >= 0) {
        const s = skipBlanks(bytes, c + 2, end)
        let e = s
        // `} /* kmem_cache_free() */` in current kernels, `} /* __schedule */` in older ones
        while (e < end && !isBlank(bytes[e]) && bytes[e] !== 0x2a && bytes[e] !== 0x28) e++
        if (e > s && bytes[s] !== 0x3d) { this.textStart = s; this.textEnd = e }
      }
      return true
    }
    if (bytes[t] === 0x2f && bytes[t + 1] === 0x2a) {
      this.kind = 'comment'
      this.textStart = skipBlanks(bytes, t + 2, end)
      let e = end
      if (bytes[e - 1] === 0x2f && bytes[e - 2] === 0x2a) e -= 2
      this.textEnd = trimEnd(bytes, this.textStart, e)
      return true
    }
    let p = t
    while (p < end && bytes[p] !== 0x28 && !isBlank(bytes[p])) p++
    if (p === t || p >= end || bytes[p] !== 0x28) return false
    this.textStart = t
    this.textEnd = p
    const close = lastCodeByte(bytes, p, end)
    if (close === 0x7b) this.kind = 'entry'
    else if (close === 0x3b) this.kind = 'leaf'
    else return false
    return true
  }
}

// The last byte of the code before a trailing C comment (funcgraph-retval notes the return value there).
function lastCodeByte(bytes: Uint8Array, from: number, end: number): number {
  const c = findAscii(bytes, from, end, '/*')
  const e = trimEnd(bytes, from, c >= 0 ? c : end)
  return e > from ? bytes[e - 1] : -1
}

/** Index of the `|` that closes the column starting at i, or -1 when there is none before the text. */
function segmentEnd(bytes: Uint8Array, i: number, end: number): number {
  for (let j = i; j < end; j++) {
    const c = bytes[j]
    if (c === 0x7c) return j
    if (c === 0x28 || c === 0x7b || c === 0x7d || c === 0x3b || (c === 0x2f && bytes[j + 1] === 0x2a)) return -1
  }
  return -1
}

/** pid of `comm-pid` in bytes[s, e), or -1. */
export function taskPid(bytes: Uint8Array, s: number, e: number): number {
  let j = e - 1
  let pid = 0
  let scale = 1
  while (j > s && isDigit(bytes[j])) { pid += (bytes[j] - 0x30) * scale; scale *= 10; j-- }
  return j < e - 1 && j >= s && bytes[j] === 0x2d ? pid : -1
}

function skipBlanks(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && isBlank(bytes[i])) i++
  return i
}

function trimEnd(bytes: Uint8Array, s: number, e: number): number {
  while (e > s && isBlank(bytes[e - 1])) e--
  return e
}

function findAscii(bytes: Uint8Array, from: number, end: number, word: string): number {
  outer: for (let i = from; i + word.length <= end; i++) {
    for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) continue outer
    return i
  }
  return -1
}
