// One parsed perf JSON sample into the tables: `sample` (or a tracepoint table), its
// callchain as `stack` nodes over `frame` rows, and the event count.
// perf writes `callchain` leaf first, as [{ip: "0x..", symbol?, dso?}] (symbol and dso only
// when resolved, dso as its short name); without -g it is the sample's ip alone.
import type { PieceTables } from '../../tables/piece-tables.js'
import type { PerfJsonContext } from './perf-json-header.js'
import { SampleBytesReader, type EventIds } from './sample-bytes.js'
import { SampleEventResolver, type SampleEvent } from './sample-event.js'
import { writeTracepointRow, type Fields, type SampleWhere } from './tracepoint-rows.js'

const SAMPLE_KEYS = new Set(['timestamp', 'pid', 'tid', 'cpu', 'comm', 'callchain'])

/** perf script's name for a frame without a symbol. */
const UNKNOWN_SYMBOL = '[unknown]'

export class SampleWriter {
  private readonly resolver: SampleEventResolver
  /** Per resolved event: its id in out.eventNames and in sample.event's dictionary. */
  private readonly ids = new Map<SampleEvent, EventIds>()
  private readonly reader = new SampleBytesReader()
  private readonly at: SampleWhere = { ts: 0, cpu: null, tid: 0, stackId: -1 }

  constructor(context: PerfJsonContext, private readonly out: PieceTables, event?: string) {
    this.resolver = new SampleEventResolver(context.events, event)
  }

  /**
   * Writes the sample at bytes[start] (a `{`) when it has perf's plain shape; returns the index
   * after it and its newline count, or -1 (nothing written) to have it parsed by JSON.parse.
   */
  writeBytes(bytes: Uint8Array, start: number): number {
    const event = this.resolver.resolve('')
    return this.reader.read(bytes, start, this.out, event, this.idsOf(event))
  }

  /** Newlines inside the sample that writeBytes read last. */
  get newlinesRead(): number {
    return this.reader.newlines
  }

  /** Writes one sample parsed by JSON.parse; returns what was expected when it is malformed, else null. */
  write(value: unknown): string | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'a sample object'
    const s = value as Record<string, unknown>
    const ts = s.timestamp
    if (typeof ts !== 'number' || !Number.isSafeInteger(ts)) return 'an integer "timestamp" (ns) below 2^53'
    const tid = s.tid
    const pid = s.pid
    const cpu = s.cpu
    const comm = s.comm
    if (typeof tid !== 'number' || !Number.isInteger(tid)) return 'an integer "tid"'
    if (typeof pid !== 'number' || !Number.isInteger(pid)) return 'an integer "pid"'
    if (cpu !== undefined && (typeof cpu !== 'number' || !Number.isInteger(cpu))) return 'an integer "cpu"'
    if (typeof comm !== 'string') return 'a "comm" string'
    let fields: Fields | null = null
    let names: string[] | null = null
    for (const k in s) {
      if (SAMPLE_KEYS.has(k)) continue
      fields ??= {}
      fields[k] = s[k]
      ;(names ??= []).push(k)
    }
    const event = this.resolver.resolve(names === null ? '' : names.sort().join(','))
    const at = this.at
    at.ts = ts
    at.cpu = cpu === undefined ? null : cpu as number
    at.tid = tid
    at.stackId = -1
    if (s.callchain !== undefined) {
      if (!Array.isArray(s.callchain)) return 'a "callchain" array'
      const leaf = this.stack(s.callchain)
      if (typeof leaf === 'string') return leaf
      at.stackId = leaf
    }
    const ids = this.idsOf(event)
    this.out.countEventId(ids.counted)
    if (event.tracepoint) {
      writeTracepointRow(event.name, fields, at, this.out)
      return null
    }
    const c = this.out.table('sample').col
    c.ts.push(ts)
    if (at.cpu === null) c.cpu.pushNull()
    else c.cpu.push(at.cpu)
    c.tid.push(tid)
    c.pid.push(pid)
    c.comm.push(comm)
    c.event.pushId(ids.dict)
    c.period.pushNull() // perf JSON does not write the period
    if (at.stackId < 0) c.stack_id.pushNull()
    else c.stack_id.push(at.stackId)
    return null
  }

  /** Interns the callchain root first; returns the leaf node (-1 when empty) or what was expected. */
  private stack(chain: unknown[]): number | string {
    let node = -1
    for (let i = chain.length - 1; i >= 0; i--) {
      const frame = this.frame(chain[i])
      if (frame < 0) return 'callchain entries {"ip": "0x..", "symbol"?: string, "dso"?: string}'
      node = this.out.stackNodes.intern(node, frame)
    }
    return node
  }

  private frame(entry: unknown): number {
    if (typeof entry !== 'object' || entry === null) return -1
    const { ip, symbol, dso } = entry as { ip?: unknown, symbol?: unknown, dso?: unknown }
    if (typeof ip !== 'string' || !/^0x[0-9a-fA-F]{1,16}$/.test(ip)) return -1
    if (symbol !== undefined && typeof symbol !== 'string') return -1
    if (dso !== undefined && typeof dso !== 'string') return -1
    const key = symbol === undefined && dso === undefined ? ip : `${ip}\0${symbol ?? ''}\0${dso ?? ''}`
    const id = this.out.frameKeys.internString(key)
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
        dict: event.tracepoint ? -1 : this.out.table('sample').col.event.dictionary.internString(event.name),
      }
      this.ids.set(event, ids)
    }
    return ids
  }
}
