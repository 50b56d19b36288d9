// Parses one piece of ftrace text into the canonical tables: event lines through the shared
// tracepoint payload decoders (anything they do not know goes to `event`), lost-event lines to
// `lost`, `<stack trace>` blocks to `frame`/`stack` with the event's stack_id, and the
// function_graph tracer's lines to `func_call`.
import { TraceInputError, excerptAt } from '../parser.js'
import type { NumberColumn, Utf8Column } from '../../tables/column-builders.js'
import { ByteInterner } from '../../tables/byte-interner.js'
import type { PieceTables } from '../../tables/piece-tables.js'
import type { EventContext, PayloadDecoder } from '../payload/event-context.js'
import { KeyValueFields } from '../payload/key-value-fields.js'
import { payloadDecoderFor } from '../payload/payload-decoder-for.js'
import { EventLine } from './event-line.js'
import { type FtraceContext } from './ftrace-context.js'
import { FunctionGraphCalls, emptyGraphState, type FinishedCall } from './function-graph-calls.js'
import { GraphLine } from './function-graph-line.js'
import { classifyLine } from './line-kind.js'
import { parseLostLine, type LostLine } from './lost-line.js'
import { EventStacks, frameText } from './stack-trace-block.js'

const ascii = (t: string): Uint8Array => new TextEncoder().encode(t)
const FUNCTION = ascii('function')
const PRINT = ascii('print')
const KERNEL_STACK = ascii('kernel_stack')
const USER_STACK = ascii('user_stack')
const ENTRIES = /^#\s*entries-in-buffer\/entries-written:\s*(\d+)\/(\d+)/

export function parseFtracePiece(bytes: Uint8Array, context: FtraceContext, out: PieceTables): void {
  new FtracePieceParser(bytes, context, out).run()
}

class FtracePieceParser {
  private readonly ev = new EventLine()
  private readonly graphLine = new GraphLine()
  private readonly kv = new KeyValueFields()
  private readonly lost: LostLine = { cpu: -1, count: NaN }
  private readonly ctx: EventContext = { ts: 0, cpu: -1, tid: -1, pid: -1, commStart: -1, commEnd: -1 }
  private readonly decoders: (PayloadDecoder | null | undefined)[] = []
  private readonly comms = new ByteInterner()
  private readonly taskComm = new Map<number, number>()
  private readonly taskTgid = new Map<number, number>()
  private readonly graph: FunctionGraphCalls
  private readonly graphFirst: boolean
  private readonly graphIds: number[] = []
  private line = 0
  private readonly stacks: EventStacks
  // an `event` row whose payload may go on over the next lines (printk-style payloads)
  private pendingArgs: Utf8Column | null = null
  private argsStart = 0
  private argsEnd = 0
  // a lost-events line waits for the next event of its CPU, whose time it takes
  private lostPending = false
  private lostCpu = -1
  private lostCount = NaN

  constructor(private readonly bytes: Uint8Array, private readonly context: FtraceContext, private readonly out: PieceTables) {
    const state = context.graph !== null ? structuredClone(context.graph) : emptyGraphState()
    this.graph = new FunctionGraphCalls(state, (c) => this.writeCall(c))
    this.graphFirst = context.tracer === 'function_graph'
    this.stacks = new EventStacks(out)
  }

  private get entryId(): number {
    return this.graphIds[0] ??= this.out.eventNames.internString('funcgraph_entry')
  }

  private get exitId(): number {
    return this.graphIds[1] ??= this.out.eventNames.internString('funcgraph_exit')
  }

  run(): void {
    const b = this.bytes
    let s = 0
    while (s < b.length) {
      let e = b.indexOf(0x0a, s)
      const next = e < 0 ? b.length : e + 1
      if (e < 0) e = b.length
      if (e > s && b[e - 1] === 0x0d) e--
      this.line++
      this.lineAt(s, e)
      s = next
    }
    this.stacks.end()
    this.flushPending()
    this.flushLost(NaN)
    if (this.context.last) this.graph.finish()
    this.out.lines = this.line
  }

  private lineAt(s: number, e: number): void {
    const b = this.bytes
    if (this.stacks.reading) {
      const f = frameText(b, s, e)
      if (f !== null) { this.stacks.frame(b, f[0], f[1]); return }
      this.stacks.end()
    }
    const kind = classifyLine(b, s, e)
    if (kind === 'blank' || kind === 'trace-cmd-header') return
    if (kind === 'comment') { this.headerLine(s, e); return }
    if (kind === 'lost' && parseLostLine(b, s, e, this.lost)) {
      this.flushPending()
      this.flushLost(NaN)
      this.lostPending = true
      this.lostCpu = this.lost.cpu
      this.lostCount = this.lost.count
      return
    }
    if (this.graphFirst && this.graphLine.parse(b, s, e)) { this.graphEntry(); return }
    if (this.ev.parse(b, s, e)) { this.event(); return }
    if (!this.graphFirst && this.graphLine.parse(b, s, e)) { this.graphEntry(); return }
    if (kind === 'separator') return
    if (this.pendingArgs !== null) {
      // a printk-style payload that spans lines (trace_printk with "\n", trace-cmd's bprint)
      this.argsEnd = e
      return
    }
    throw new TraceInputError('an ftrace event line (comm-pid [cpu] timestamp: event: payload), a function_graph line or a lost-events line',
      excerptAt(b, s), this.line)
  }

  private headerLine(s: number, e: number): void {
    const m = ENTRIES.exec(Buffer.from(this.bytes.buffer, this.bytes.byteOffset + s, e - s).toString('latin1'))
    if (m === null) return
    // the `trace` file reports overwritten events only here: entries written minus those still in the buffer
    const lostCount = Number(m[2]) - Number(m[1])
    if (lostCount <= 0) return
    const c = this.out.table('lost').col
    c.ts.pushNull(); c.cpu.pushNull(); c.count.push(lostCount)
  }

  private flushLost(ts: number): void {
    if (!this.lostPending) return
    this.lostPending = false
    const c = this.out.table('lost').col
    if (Number.isNaN(ts)) c.ts.pushNull()
    else c.ts.push(ts)
    if (this.lostCpu < 0) c.cpu.pushNull()
    else c.cpu.push(this.lostCpu)
    if (Number.isNaN(this.lostCount)) c.count.pushNull()
    else c.count.push(this.lostCount)
  }

  private flushPending(): void {
    if (this.pendingArgs !== null) { this.pendingArgs.pushBytes(this.bytes, this.argsStart, this.argsEnd); this.pendingArgs = null }
  }

  private event(): void {
    const ev = this.ev
    const b = this.bytes
    const isStack = ev.isStackTrace(b)
    this.flushPending()
    if (this.lostPending && (this.lostCpu < 0 || this.lostCpu === ev.cpu)) this.flushLost(ev.time.value)
    this.noteTask()
    const ctx = this.ctx
    ctx.ts = ev.time.value; ctx.cpu = ev.cpu; ctx.tid = ev.tid; ctx.pid = ev.tgid
    ctx.commStart = ev.commStart; ctx.commEnd = ev.commEnd
    if (isStack) {
      // trace.dat names these ring-buffer entries ftrace:kernel_stack / ftrace:user_stack
      const name = b[ev.nameStart] === 0x75 || b[ev.nameStart + 1] === 0x75 ? USER_STACK : KERNEL_STACK
      this.out.countEventBytes(name, 0, name.length)
      if (!this.stacks.beginForEvent(ev.cpu)) this.stacks.beginOwn(this.genericRow(0, name.length, name))
      return
    }
    if (ev.isFunctionEntry) this.decode(FUNCTION, 0, FUNCTION.length, ev.payloadStart, ev.payloadEnd)
    else this.decode(b, ev.nameStart, ev.nameEnd, ev.payloadStart, ev.payloadEnd)
  }

  /** An event of the running context `ctx`: into its typed table when a decoder knows it, else into `event`. */
  private decode(nameBytes: Uint8Array, nameStart: number, nameEnd: number, payloadStart: number, payloadEnd: number): void {
    const id = this.out.eventNames.internBytes(nameBytes, nameStart, nameEnd)
    this.out.countEventId(id)
    let decode = this.decoders[id]
    if (decode === undefined) decode = this.decoders[id] = payloadDecoderFor(this.out.eventNames.strings[id])
    const cpu = this.ctx.cpu
    if (decode !== null) {
      const slot = decode(this.out, this.ctx, this.kv, this.bytes, payloadStart, payloadEnd)
      if (slot !== false) {
        slot?.pushNull()
        this.stacks.eventRow(cpu, slot)
        return
      }
    }
    this.stacks.eventRow(cpu, this.genericRow(nameStart, nameEnd, nameBytes, payloadStart, payloadEnd))
  }

  /** An `event` row (stack_id null so far); its args are pushed when the next line shows they are complete. */
  private genericRow(nameStart: number, nameEnd: number, nameBytes: Uint8Array, argsStart = -1, argsEnd = -1): NumberColumn {
    const c = this.out.table('event').col
    const ctx = this.ctx
    c.ts.push(ctx.ts)
    if (ctx.cpu < 0) c.cpu.pushNull()
    else c.cpu.push(ctx.cpu)
    if (ctx.tid < 0) c.tid.pushNull()
    else c.tid.push(ctx.tid)
    c.name.pushBytes(nameBytes, nameStart, nameEnd)
    if (argsStart >= 0) {
      this.pendingArgs = c.args
      this.argsStart = argsStart
      this.argsEnd = argsEnd
    } else c.args.pushNull()
    c.stack_id.pushNull()
    return c.stack_id
  }

  /** A `task` row the first time this piece sees a thread, and when its comm or tgid changes. */
  private noteTask(): void {
    const ev = this.ev
    const b = this.bytes
    if (b[ev.commStart] === 0x3c && b[ev.commStart + 1] === 0x2e) return // `<...>`: comm not recorded
    const comm = this.comms.internBytes(b, ev.commStart, ev.commEnd)
    if (this.taskComm.get(ev.tid) === comm && this.taskTgid.get(ev.tid) === ev.tgid) return
    this.taskComm.set(ev.tid, comm)
    this.taskTgid.set(ev.tid, ev.tgid)
    const c = this.out.table('task').col
    c.ts.push(ev.time.value); c.cpu.push(ev.cpu); c.tid.push(ev.tid)
    if (ev.tgid < 0) c.pid.pushNull()
    else c.pid.push(ev.tgid)
    c.comm.pushBytes(b, ev.commStart, ev.commEnd); c.change.push('seen'); c.parent_tid.pushNull()
  }

  private graphEntry(): void {
    this.flushPending()
    const g = this.graphLine
    // counted as the ring buffer holds them: a leaf line is an entry and an exit printed together
    if (g.kind === 'entry' || g.kind === 'leaf') this.out.countEventId(this.entryId)
    if (g.kind === 'exit' || g.kind === 'leaf') this.out.countEventId(this.exitId)
    if (g.kind === 'comment') this.graphComment()
    this.graph.add(g, this.bytes)
  }

  // An event or trace_printk printed inside function_graph output, as a C comment `name: payload`
  // (`print` when it has no name); without funcgraph-abstime it has no time and is only counted.
  private graphComment(): void {
    const g = this.graphLine
    const b = this.bytes
    if (!g.hasTime) { this.out.noteUnparsed(this.line); return }
    let colon = g.textStart
    while (colon < g.textEnd && b[colon] !== 0x3a && b[colon] !== 0x20) colon++
    const named = colon < g.textEnd && b[colon] === 0x3a
    let payload = named ? colon + 1 : g.textStart
    while (payload < g.textEnd && b[payload] === 0x20) payload++
    const ctx = this.ctx
    ctx.ts = g.time.value; ctx.cpu = g.cpu; ctx.tid = g.tid >= 0 ? g.tid : this.graph.tidOn(g.cpu); ctx.pid = -1
    ctx.commStart = ctx.commEnd = -1
    if (named) this.decode(b, g.textStart, colon, payload, g.textEnd)
    else this.decode(PRINT, 0, PRINT.length, payload, g.textEnd)
  }

  private writeCall(call: FinishedCall): void {
    const c = this.out.table('func_call').col
    if (call.ts === null) c.ts.pushNull()
    else c.ts.push(call.ts)
    if (call.cpu < 0) c.cpu.pushNull()
    else c.cpu.push(call.cpu)
    if (call.tid < 0) c.tid.pushNull()
    else c.tid.push(call.tid)
    c.depth.push(call.depth)
    c.function.push(call.fn ?? '[unknown]')
    if (Number.isNaN(call.durationNs)) c.duration_ns.pushNull()
    else c.duration_ns.push(call.durationNs)
    if (call.inIrq) c.marker.push('irq')
    else if (call.mark !== 0) c.marker.push(String.fromCharCode(call.mark))
    else c.marker.pushNull()
  }
}
