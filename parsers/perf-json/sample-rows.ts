// One perf JSON sample into the tables: `sample` (or a tracepoint table), its callchain as
// `stack` nodes over `frame` rows, and the event count. perf writes `callchain` leaf first,
// as [{ip: "0x..", symbol?, dso?}] (symbol and dso only when resolved, dso as its short
// name); without -g it is the sample's ip alone.
import type { PieceTables } from '../../tables/piece-tables.js'
import type { PerfJsonContext } from './perf-json-header.js'
import { SampleBytesReader } from './sample-bytes.js'
import { SampleEventResolver, type SampleEvent } from './sample-event.js'
import { writeTracepointRow, type Fields, type SampleWhere } from './tracepoint-rows.js'

const SAMPLE_KEYS = new Set(['timestamp', 'pid', 'tid', 'cpu', 'comm', 'callchain'])

/** perf script's name for a frame without a symbol. */
export const UNKNOWN_SYMBOL = '[unknown]'

/** An event's id in out.eventNames and in sample.event's dictionary. */
interface EventIds {
  counted: number
  dict: number
}

export class SampleWriter {
  private readonly resolver: SampleEventResolver
  private readonly ids = new Map<SampleEvent, EventIds>()
  private readonly reader = new SampleBytesReader()
  /** Event of a sample without fields, by its leaf frame id + 1 (when the leaf decides it). */
  private readonly byLeaf: (SampleEvent | undefined)[] = []
  private readonly at: SampleWhere = { ts: 0, cpu: null, tid: null, stackId: -1 }
  /** Comm id (in task.comm) each thread last showed in this piece. */
  private readonly commOfTid = new Map<number, number>()

  constructor(context: PerfJsonContext, private readonly out: PieceTables, event?: string) {
    this.resolver = new SampleEventResolver(context.events, event)
  }

  /**
   * Writes the sample at bytes[start] (a `{`) when it has perf's plain shape; returns the index
   * after it, or -1 (nothing written) to have it parsed by JSON.parse and given to write().
   */
  writeBytes(bytes: Uint8Array, start: number): number {
    const r = this.reader
    const end = r.read(bytes, start, this.out)
    if (end < 0) return -1
    const at = this.at
    at.ts = r.ts
    at.cpu = r.cpu < 0 ? null : r.cpu
    at.tid = r.tid < 0 ? null : r.tid
    at.stackId = r.stackId
    const pid = r.pid < 0 ? null : r.pid
    const event = r.fields === null ? this.eventOfLeaf(r.leafFrame) : this.resolver.resolve(r.fieldNames, this.symbolOf(r.leafFrame))
    const escaped = r.commEscaped ? r.text(r.commStart, r.commEnd, true) : null
    if (this.commit(event, pid, r.fields)) {
      const comm = this.out.table('sample').col.comm
      if (escaped !== null) comm.push(escaped)
      else comm.pushBytes(bytes, r.commStart, r.commEnd)
    }
    if (at.tid !== null) {
      const comms = this.out.table('task').col.comm.dictionary
      this.noteTask(pid, escaped !== null ? comms.internString(escaped) : comms.internBytes(bytes, r.commStart, r.commEnd))
    }
    return end
  }

  /** Newlines inside the sample that writeBytes read last. */
  get newlinesRead(): number {
    return this.reader.newlines
  }

  /** Writes one sample parsed by JSON.parse; returns what was expected when it is malformed, else null. */
  write(value: unknown): string | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a sample object'
    const s = value as Record<string, unknown>
    const { timestamp: ts, tid, pid, cpu, comm, callchain } = s
    if (typeof ts !== 'number' || !Number.isSafeInteger(ts)) return 'an integer "timestamp" (ns) below 2^53'
    if (typeof tid !== 'number' || !Number.isInteger(tid)) return 'an integer "tid"'
    if (typeof pid !== 'number' || !Number.isInteger(pid)) return 'an integer "pid"'
    if (cpu !== undefined && (typeof cpu !== 'number' || !Number.isInteger(cpu))) return 'an integer "cpu"'
    if (typeof comm !== 'string') return 'a "comm" string'
    if (callchain !== undefined && !Array.isArray(callchain)) return 'a "callchain" array'
    let fields: Fields | null = null
    for (const k in s) if (!SAMPLE_KEYS.has(k)) (fields ??= {})[k] = s[k]
    const at = this.at
    at.ts = ts
    at.cpu = cpu === undefined ? null : cpu as number
    at.tid = tid < 0 ? null : tid
    at.stackId = -1
    let leaf = -1
    const chain = (callchain ?? []) as unknown[]
    for (let i = chain.length - 1; i >= 0; i--) {
      leaf = this.frame(chain[i])
      if (leaf < 0) return 'callchain entries {"ip": "0x..", "symbol"?: string, "dso"?: string}'
      at.stackId = this.out.stackNodes.intern(at.stackId, leaf)
    }
    const event = fields === null ? this.eventOfLeaf(leaf) : this.resolver.resolve(Object.keys(fields).join(','), this.symbolOf(leaf))
    if (this.commit(event, pid < 0 ? null : pid, fields)) this.out.table('sample').col.comm.push(comm)
    if (at.tid !== null) this.noteTask(pid < 0 ? null : pid, this.out.table('task').col.comm.dictionary.internString(comm))
    return null
  }

  /** A `task` row when a thread is first seen in this piece or shows another comm (as the perf-script parser writes them). */
  private noteTask(pid: number | null, commId: number): void {
    const at = this.at
    const tid = at.tid as number
    if (this.commOfTid.get(tid) === commId) return
    this.commOfTid.set(tid, commId)
    const c = this.out.table('task').col
    c.ts.push(at.ts)
    if (at.cpu === null) c.cpu.pushNull()
    else c.cpu.push(at.cpu)
    c.tid.push(tid)
    if (pid === null) c.pid.pushNull()
    else c.pid.push(pid)
    c.comm.pushId(commId)
    c.change.push('seen')
    c.parent_tid.pushNull()
  }

  /**
   * Counts the event and writes its rows: a tracepoint's typed (or `event`) row, and a
   * `sample` row for anything else or for a tracepoint with a callchain (so flamegraphs can
   * be drawn per tracepoint, as from perf script). Returns whether a `sample` row was begun:
   * all its columns but comm, which the caller adds.
   */
  private commit(event: SampleEvent, pid: number | null, fields: Fields | null): boolean {
    const ids = this.idsOf(event)
    this.out.countEventId(ids.counted)
    const at = this.at
    if (event.tracepoint) {
      writeTracepointRow(event.name, fields, at, this.out)
      if (at.stackId < 0) return false
    }
    const c = this.out.table('sample').col
    c.ts.push(at.ts)
    if (at.cpu === null) c.cpu.pushNull()
    else c.cpu.push(at.cpu)
    if (at.tid === null) c.tid.pushNull()
    else c.tid.push(at.tid)
    if (pid === null) c.pid.pushNull()
    else c.pid.push(pid)
    c.event.pushId(ids.dict)
    c.period.pushNull() // perf JSON does not write the period
    if (at.stackId < 0) c.stack_id.pushNull()
    else c.stack_id.push(at.stackId)
    return true
  }

  private eventOfLeaf(leaf: number): SampleEvent {
    if (!this.resolver.needsEvidence) return this.resolver.resolve('', null)
    let event = this.byLeaf[leaf + 1]
    if (event === undefined) {
      event = this.resolver.resolve('', this.symbolOf(leaf))
      this.byLeaf[leaf + 1] = event
    }
    return event
  }

  private symbolOf(frame: number): string | null {
    if (frame < 0) return null
    const symbol = this.out.table('frame').col.symbol
    const name = symbol.dictionary.strings[symbol.indices[frame]]
    return name === UNKNOWN_SYMBOL ? null : name
  }

  private frame(entry: unknown): number {
    if (typeof entry !== 'object' || entry === null) return -1
    const { ip, symbol, dso } = entry as { ip?: unknown, symbol?: unknown, dso?: unknown }
    if (typeof ip !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(ip)) return -1
    if (symbol !== undefined && typeof symbol !== 'string') return -1
    if (dso !== undefined && typeof dso !== 'string') return -1
    const id = this.out.frameKeys.internString(`${ip}\0${symbol ?? ''}\0${dso ?? ''}`)
    const f = this.out.table('frame').col
    if (id < f.id.length) return id
    f.id.push(id)
    const hex = ip.slice(2)
    const split = Math.max(0, hex.length - 8)
    f.addr.pushHalves(parseInt(hex.slice(split), 16) >>> 0, split === 0 ? 0 : parseInt(hex.slice(0, split), 16) >>> 0)
    f.symbol.push(symbol ?? UNKNOWN_SYMBOL)
    f.offset.pushNull()
    if (dso === undefined) f.dso.pushNull()
    else f.dso.push(dso)
    f.inlined.push(0)
    return id
  }

  private idsOf(event: SampleEvent): EventIds {
    let ids = this.ids.get(event)
    if (ids === undefined) {
      ids = {
        counted: this.out.eventNames.internString(event.name),
        dict: this.out.table('sample').col.event.dictionary.internString(event.name),
      }
      this.ids.set(event, ids)
    }
    return ids
  }
}
