// Cuts ftrace text into pieces at record starts, so that what belongs to an event stays in its
// piece: the ` => ` frames of a `<stack trace>`, the `<stack trace>` event itself (it attaches
// to the event before it), a lost-events line and the event that follows it, and the extra
// lines of a printk-style payload. It reads the header once (trace-cmd or tracefs, tracer,
// timestamp form) and, for function_graph output, follows the open calls so that every
// piece starts with the calls its closing braces refer to.
import { TraceInputError, excerptAt, type Framer, type ParserOptions } from '../parser.js'
import { EventLine } from './event-line.js'
import type { FtraceContext } from './ftrace-context.js'
import { FunctionGraphCalls, emptyGraphState, type GraphState } from './function-graph-calls.js'
import { GraphLine } from './function-graph-line.js'
import { classifyLine } from './line-kind.js'

const TRACER = /^#\s*tracer:\s*(\S+)/
const LATENCY_FORMAT = /^#\s*\S+ latency trace v\d/
/** records after a cut that must show no stack trace of an event before it */
const SAFE_RECORDS = 32

export class FtraceTextFramer implements Framer {
  private readonly ev = new EventLine()
  private readonly graphLine = new GraphLine()
  private facts: FtraceContext
  private pieceContext: FtraceContext
  private headerRead = false
  private graph: GraphState | null = null

  constructor(options: ParserOptions) {
    const clock = typeof options.clock === 'string' ? options.clock : null
    this.facts = { source: 'ftrace', tracer: null, timestampUnit: null, clock, graph: null, last: false }
    this.pieceContext = this.facts
  }

  cut(bytes: Uint8Array, eof: boolean): number {
    if (!this.headerRead) this.readHeader(bytes, eof)
    const end = eof ? bytes.length : this.lastRecordStart(bytes)
    this.pieceContext = { ...this.facts, graph: this.graph === null ? null : structuredClone(this.graph), last: eof && end === bytes.length }
    if (this.graph !== null && end > 0) this.followCalls(bytes, end)
    return end
  }

  context(): FtraceContext {
    return this.pieceContext
  }

  /** The header facts, from the lines before the first event. */
  private readHeader(bytes: Uint8Array, eof: boolean): void {
    let s = 0
    while (s < bytes.length) {
      const nl = bytes.indexOf(0x0a, s)
      if (nl < 0 && !eof) return
      const e = nl < 0 ? bytes.length : nl
      const kind = classifyLine(bytes, s, e)
      if (kind === 'trace-cmd-header') this.facts.source = 'trace-cmd'
      else if (kind === 'comment') {
        const text = Buffer.from(bytes.buffer, bytes.byteOffset + s, e - s).toString('latin1')
        const m = TRACER.exec(text)
        if (m !== null) this.facts.tracer = m[1]
        // options/latency-format prints times relative to the trace start, in whole microseconds
        if (LATENCY_FORMAT.test(text)) {
          throw new TraceInputError('ftrace text recorded without options/latency-format (its times are relative microseconds)',
            excerptAt(bytes, s), lineNumber(bytes, s))
        }
      } else if (kind === 'other') {
        if (this.ev.parse(bytes, s, e)) {
          this.facts.timestampUnit = this.ev.time.isCount ? 'count' : 'ns'
          break
        }
        if (this.graphLine.parse(bytes, s, e)) {
          this.facts.tracer ??= 'function_graph'
          if (this.graphLine.hasTime) this.facts.timestampUnit = this.graphLine.time.isCount ? 'count' : 'ns'
          break
        }
        throw new TraceInputError('an ftrace header or event line', excerptAt(bytes, s), lineNumber(bytes, s))
      }
      s = e + 1
    }
    this.headerRead = true
    if (this.facts.tracer === 'function_graph') this.graph = emptyGraphState()
  }

  /** Start of the last complete line that begins a record (not after a lost-events line) where a cut is safe; 0 if none. */
  private lastRecordStart(bytes: Uint8Array): number {
    const end = bytes.lastIndexOf(0x0a)
    if (end < 0) return 0
    let e = end
    let nextStart = -1
    let nextIsRecord = false
    for (;;) {
      const s = e === 0 ? 0 : bytes.lastIndexOf(0x0a, e - 1) + 1
      const kind = classifyLine(bytes, s, e)
      if (nextIsRecord && kind !== 'lost' && this.noStackAcross(bytes, nextStart, end)) return nextStart
      nextIsRecord = this.startsRecord(bytes, s, e, kind)
      nextStart = s
      if (s === 0) return 0
      e = s - 1
    }
  }

  /**
   * True when no stack trace after `at` belongs to an event before it: the text merges CPUs by
   * time, so a CPU's stack may follow other CPUs' lines. Judged on the next SAFE_RECORDS records.
   */
  private noStackAcross(bytes: Uint8Array, at: number, end: number): boolean {
    const cpusSince: number[] = []
    let records = 0
    for (let s = at; s < end;) {
      let e = bytes.indexOf(0x0a, s)
      if (e < 0 || e > end) e = end
      if (this.ev.parse(bytes, s, e)) {
        if (!this.ev.isStackTrace(bytes)) cpusSince.push(this.ev.cpu)
        else if (!cpusSince.includes(this.ev.cpu)) return false
        records++
      } else if (this.graphLine.parse(bytes, s, e)) records++
      if (records >= SAFE_RECORDS) return true
      s = e + 1
    }
    return false
  }

  private startsRecord(bytes: Uint8Array, s: number, e: number, kind: ReturnType<typeof classifyLine>): boolean {
    if (kind === 'blank') return false
    if (kind !== 'other') return true
    if (this.ev.parse(bytes, s, e)) return !this.ev.isStackTrace(bytes)
    return this.graphLine.parse(bytes, s, e)
  }

  private followCalls(bytes: Uint8Array, end: number): void {
    const calls = new FunctionGraphCalls(this.graph!, null)
    let s = 0
    while (s < end) {
      let e = bytes.indexOf(0x0a, s)
      if (e < 0 || e > end) e = end
      if (this.graphLine.parse(bytes, s, e)) calls.add(this.graphLine, bytes)
      s = e + 1
    }
  }
}

function lineNumber(bytes: Uint8Array, at: number): number {
  let n = 1
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) n++
  return n
}
