// Pairs function_graph entries (`foo() {`) with their closing braces (`} 12.3 us`) into calls.
// The kernel prints the closing brace where the function returned, which after a context
// switch inside it (__schedule) is a later line, maybe on another CPU: so open calls are kept
// per task (known from the funcgraph-proc column or the ` => ` task-switch lines), per CPU
// until the first task switch names the task. The state is plain data: the framer carries it
// from one piece to the next in the piece context, so a piece needs no other piece's parse.
import type { GraphLine } from './function-graph-line.js'

export interface OpenCall {
  depth: number
  fn: string
  /** entry time, null when the output has no funcgraph-abstime column */
  ts: number | null
  cpu: number
  tid: number
  inIrq: boolean
}

/** Task keys: the tid, or UNKNOWN_TASK + cpu while the task running there is not known. */
const UNKNOWN_TASK = 0x40000000 // above any pid (PID_MAX_LIMIT is 2^22)

export interface GraphState {
  /** open calls per task key, outermost first */
  open: Record<number, OpenCall[]>
  /** task key running on each CPU */
  running: Record<number, number>
  /** IRQ nesting per CPU, from the `==========>` / `<==========` borders */
  irq: Record<string, number>
}

export interface FinishedCall {
  ts: number | null
  cpu: number
  tid: number
  depth: number
  fn: string | null
  durationNs: number
  /** overhead mark byte, or 0; `irq` when the call ran inside the IRQ borders */
  mark: number
  inIrq: boolean
}

export type CallSink = (call: FinishedCall) => void

export const emptyGraphState = (): GraphState => ({ open: {}, running: {}, irq: {} })

const decoder = new TextDecoder()

export class FunctionGraphCalls {
  private readonly done: FinishedCall = { ts: null, cpu: 0, tid: -1, depth: 0, fn: null, durationNs: NaN, mark: 0, inIrq: false }

  constructor(readonly state: GraphState, private readonly sink: CallSink | null) {}

  private keyOf(g: GraphLine): number {
    if (g.tid >= 0) return g.tid
    return this.state.running[g.cpu] ?? UNKNOWN_TASK + g.cpu
  }

  add(g: GraphLine, bytes: Uint8Array): void {
    const s = this.state
    switch (g.kind) {
      case 'switch': {
        const was = s.running[g.cpu] ?? UNKNOWN_TASK + g.cpu
        // the first switch on a CPU names the task that was running there since the start
        if (was >= UNKNOWN_TASK && s.open[was] !== undefined && s.open[g.prevTid] === undefined) {
          s.open[g.prevTid] = s.open[was]
          for (const c of s.open[g.prevTid]) c.tid = g.prevTid
          delete s.open[was]
        }
        s.running[g.cpu] = g.tid
        return
      }
      case 'irq_enter': s.irq[g.cpu] = (s.irq[g.cpu] ?? 0) + 1; return
      case 'irq_exit': s.irq[g.cpu] = Math.max(0, (s.irq[g.cpu] ?? 0) - 1); return
      case 'comment': return
    }
    if (g.tid >= 0) s.running[g.cpu] = g.tid
    const key = this.keyOf(g)
    const stack = s.open[key] ?? (s.open[key] = [])
    const ts = g.hasTime ? g.time.value : null
    const inIrq = (s.irq[g.cpu] ?? 0) > 0
    const tid = key < UNKNOWN_TASK ? key : -1
    if (g.kind === 'entry') {
      this.unwind(stack, g.depth)
      stack.push({ depth: g.depth, fn: decoder.decode(bytes.subarray(g.textStart, g.textEnd)), ts, cpu: g.cpu, tid, inIrq })
      return
    }
    if (g.kind === 'leaf') {
      this.unwind(stack, g.depth)
      if (stack.length === 0) delete s.open[key]
      if (this.sink !== null) this.emit(ts, g.cpu, tid, g.depth, decoder.decode(bytes.subarray(g.textStart, g.textEnd)), g.durationNs, g.mark, inIrq)
      return
    }
    // exit: the innermost open call at this depth; deeper ones never returned in the output
    this.unwind(stack, g.depth + 1)
    const top = stack.length > 0 && stack[stack.length - 1].depth === g.depth ? stack.pop()! : null
    if (stack.length === 0) delete s.open[key]
    if (this.sink === null) return
    const tail = g.textStart >= 0 ? decoder.decode(bytes.subarray(g.textStart, g.textEnd)) : null
    if (top !== null) this.emit(top.ts, top.cpu, tid, g.depth, top.fn, g.durationNs, g.mark, top.inIrq)
    else {
      // the entry is before the start of the output: its time is the return's minus the duration
      const entryTs = ts !== null && !Number.isNaN(g.durationNs) ? ts - g.durationNs : null
      this.emit(entryTs, g.cpu, tid, g.depth, tail, g.durationNs, g.mark, inIrq)
    }
  }

  /** The task running on `cpu` as the output last showed it, -1 when not known. */
  tidOn(cpu: number): number {
    const key = this.state.running[cpu]
    return key === undefined || key >= UNKNOWN_TASK ? -1 : key
  }

  /** Calls still open at the end of the output: their return was not traced. */
  finish(): void {
    for (const key of Object.keys(this.state.open)) {
      const stack = this.state.open[Number(key)]
      while (stack.length > 0) {
        const c = stack.pop()!
        if (this.sink !== null) this.emit(c.ts, c.cpu, c.tid, c.depth, c.fn, NaN, 0, c.inIrq)
      }
      delete this.state.open[Number(key)]
    }
  }

  /** Closes, without a duration, the open calls at `depth` or deeper. */
  private unwind(stack: OpenCall[], depth: number): void {
    while (stack.length > 0 && stack[stack.length - 1].depth >= depth) {
      const c = stack.pop()!
      if (this.sink !== null) this.emit(c.ts, c.cpu, c.tid, c.depth, c.fn, NaN, 0, c.inIrq)
    }
  }

  private emit(ts: number | null, cpu: number, tid: number, depth: number, fn: string | null, durationNs: number, mark: number, inIrq: boolean): void {
    const d = this.done
    d.ts = ts; d.cpu = cpu; d.tid = tid; d.depth = depth; d.fn = fn; d.durationNs = durationNs; d.mark = mark; d.inIrq = inIrq
    this.sink!(d)
  }
}
