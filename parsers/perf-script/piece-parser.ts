// Parses one piece of `perf script` text (whole events only) into the canonical tables.
// Line by line on the bytes: an event line, then its callchain lines (leaf first), then a blank
// line when there was a callchain. Rows of an event are written when its line is read, except
// the stack_id, which waits for the callchain's end.
import type { NumberColumn } from '../../tables/column-builders.js'
import type { PieceTables } from '../../tables/piece-tables.js'
import { RecentBytes } from '../payload/dict-push-cache.js'
import { pushOrNull, type EventContext, type PayloadDecoder } from '../payload/event-context.js'
import { KeyValueFields } from '../payload/key-value-fields.js'
import { payloadDecoderFor } from '../payload/payload-decoder-for.js'
import { excerptAt, TraceInputError } from '../parser.js'
import { eventKindOf, EventKind } from '../../tables/event-kind.js'
import { equalBytes, WordView } from '../../tables/byte-words.js'
import { grown } from '../../tables/grown.js'
import { KnownCallchains } from './known-callchains.js'
import { endsWithInlined, hexTokenLength, pushFrameRow } from './frame-line.js'
import { HeaderLine } from './header-line.js'
import { pushRecord } from './side-band-record.js'

const TAB = 0x09
const SPACE = 0x20
const UNNAMED = '[unknown]'
const NO_NODE = -2
/** one per thread, emptied for each piece */
const callchains = new KnownCallchains()

const HEADER_EXPECTED = 'a perf script event line (comm [pid/]tid [cpu] time: [period] event: ...)'

export class PieceParser {
  private readonly header = new HeaderLine()
  private readonly kv = new KeyValueFields()
  private readonly ctx: EventContext = { ts: 0, cpu: -1, tid: -1, pid: -1, commStart: -1, commEnd: -1 }
  private kinds = new Int8Array(64).fill(-1) // EventKind by event-name id, -1 = not yet seen
  private decoders: (PayloadDecoder | null)[] = []
  // per tid seen in this piece: where its comm was last printed, and that comm's id
  private readonly slotOfTid = new Map<number, number>()
  private commAt = new Int32Array(256)
  private commLength = new Int32Array(256)
  private commId = new Int32Array(256)
  private readonly recentNames = new RecentBytes()
  private readonly recentFrames = new RecentBytes()
  private readonly words = new WordView()
  private frames: Int32Array<ArrayBuffer> = new Int32Array(256)
  private frameCount = 0
  /** the last frame line added a `frame` row */
  private newFrame = false
  // the open event
  private open = false
  private stackColumn: NumberColumn | null = null
  private sampleWanted = false
  private period = NaN
  private nameStart = -1
  private nameEnd = -1
  /** the open event's stack, taken from a callchain met before */
  private knownNode = NO_NODE
  private lineStart = 0
  private lineNo = 0

  constructor(private readonly bytes: Uint8Array, private readonly out: PieceTables) {
    callchains.startPiece()
  }

  run(): void {
    const b = this.bytes
    const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength)
    const len = b.length
    let pos = 0
    let line = 0
    while (pos < len) {
      if (b[pos] === TAB && this.open && this.frameCount === 0 && this.knownNode === NO_NODE) {
        const end = callchains.find(b, text, pos, line, this.out.unparsed.count)
        if (end >= 0) {
          this.knownNode = callchains.node
          line += callchains.lines
          pos = end
          continue
        }
      }
      this.lineStart = pos
      let nl = text.indexOf(0x0a, pos)
      if (nl < 0) nl = len
      let e = nl
      if (e > pos && b[e - 1] === 0x0d) e--
      this.lineNo = ++line
      this.line(pos, e, line)
      pos = nl + 1
    }
    this.close()
    this.out.lines = line
  }

  private line(pos: number, e: number, line: number): void {
    const b = this.bytes
    let fs = pos
    while (fs < e && (b[fs] === SPACE || b[fs] === TAB)) fs++
    if (fs === e) return this.close()
    const c0 = b[pos]
    if (c0 === TAB) {
      if (this.open) return this.frame(fs, e, line)
      // a frame after the blank line that ended its event (inferno's empty-line.txt)
      if (hexTokenLength(b, fs, e) > 0) return this.out.noteUnparsed(line)
    }
    if (c0 === 0x23 && (e === pos + 1 || b[pos + 1] === SPACE)) return this.close() // `perf script --header` lines
    if (this.header.read(b, fs, e)) return this.event(line)
    if (this.open && hexTokenLength(b, fs, e) > 0) return this.frame(fs, e, line) // callchains of perf < 4 (no tab)
    if (c0 === 0x50 && this.header.readBareRecord(b, pos, e)) return this.bareRecord()
    if (this.open && this.frameCount > 0 && fs === pos + 2) return this.srcline(fs, e)
    if (this.open && pos !== fs) return this.out.noteUnparsed(line)
    throw new TraceInputError(HEADER_EXPECTED, excerptAt(b, pos), line)
  }

  private frame(s: number, e: number, line: number): void {
    let end = e
    while (end > s && this.bytes[end - 1] === SPACE) end--
    let id = this.recentFrames.find(this.bytes, s, end)
    this.newFrame = false
    if (id < 0) {
      const keys = this.out.frameKeys
      const before = keys.size
      id = keys.internBytes(this.bytes, s, end)
      this.recentFrames.remember(s, end, id)
      this.newFrame = id === before
      if (this.newFrame && !pushFrameRow(this.out, id, this.bytes, s, end)) this.out.noteUnparsed(line)
    }
    if (this.frameCount === this.frames.length) this.frames = grown(this.frames)
    this.frames[this.frameCount++] = id
  }

  /**
   * `-F +srcline` prints the source line under each frame (`  inl.c:2`), and there, not on the
   * frame line, the ` (inlined)` mark; perf prints an inlined frame at the same key every time.
   */
  private srcline(s: number, e: number): void {
    if (!this.newFrame || !endsWithInlined(this.bytes, s, e)) return
    const inlined = this.out.table('frame').col.inlined
    inlined.values[inlined.length - 1] = 1
  }

  private event(line: number): void {
    this.close()
    const h = this.header
    const b = this.bytes
    const out = this.out
    const ctx = this.ctx
    ctx.ts = Number.isNaN(h.ts) ? 0 : h.ts
    ctx.cpu = h.cpu
    ctx.tid = h.tid
    ctx.pid = h.pid
    ctx.commStart = h.commStart
    ctx.commEnd = h.commEnd
    if (h.commStart >= 0 && h.tid >= 0) this.noteTask()
    const nameId = h.nameStart >= 0 ? this.nameId(h.nameStart, h.nameEnd) : out.eventNames.internString(UNNAMED)
    out.countEventId(nameId)
    this.open = true
    this.frameCount = 0
    this.stackColumn = null
    this.period = h.period
    this.nameStart = h.nameStart
    this.nameEnd = h.nameEnd
    const kind = this.kindOf(nameId)
    if (h.record) {
      pushRecord(out, ctx, b, h.nameStart, h.nameEnd, h.restStart, h.restEnd)
      this.sampleWanted = false
      return
    }
    if (kind === EventKind.Sample) {
      this.sampleWanted = true
      if (h.restEnd > h.restStart) this.frame(h.restStart, h.restEnd, line)
      return
    }
    // a tracepoint: its typed row now; a `sample` row too if a callchain follows
    this.sampleWanted = false
    const decode = this.decoders[nameId]
    const slot = decode === null ? false : decode(out, ctx, this.kv, b, h.restStart, h.restEnd)
    if (slot === false) {
      if (decode !== null) out.noteUnparsed(line)
      const ev = out.table('event').col
      ev.ts.push(ctx.ts); pushOrNull(ev.cpu, ctx.cpu); pushOrNull(ev.tid, ctx.tid)
      ev.name.pushBytes(b, h.nameStart, h.nameEnd)
      if (h.restEnd > h.restStart) ev.args.pushBytes(b, h.restStart, h.restEnd)
      else ev.args.pushNull()
      this.stackColumn = ev.stack_id
    } else {
      this.stackColumn = slot
    }
  }

  private bareRecord(): void {
    this.close()
    const h = this.header
    this.out.countEventBytes(this.bytes, h.nameStart, h.nameEnd)
  }

  /** Ends the open event: its stack, and its `sample` row. */
  private close(): void {
    if (!this.open) return
    this.open = false
    let node = this.knownNode
    this.knownNode = NO_NODE
    if (node === NO_NODE) {
      node = -1
      for (let k = this.frameCount - 1; k >= 0; k--) node = this.out.stackNodes.intern(node, this.frames[k])
    }
    callchains.readWhole(this.lineStart, this.lineNo, this.out.unparsed.count, node)
    if (this.stackColumn !== null) pushOrNull(this.stackColumn, node)
    if (!this.sampleWanted && node < 0) return
    const ctx = this.ctx
    const s = this.out.table('sample').col
    s.ts.push(ctx.ts); pushOrNull(s.cpu, ctx.cpu); pushOrNull(s.tid, ctx.tid); pushOrNull(s.pid, ctx.pid)
    if (ctx.commStart >= 0) s.comm.pushBytes(this.bytes, ctx.commStart, ctx.commEnd)
    else s.comm.push('')
    if (this.nameStart >= 0) s.event.pushBytes(this.bytes, this.nameStart, this.nameEnd)
    else s.event.push(UNNAMED)
    if (Number.isNaN(this.period)) s.period.pushNull()
    else s.period.push(this.period)
    pushOrNull(s.stack_id, node)
  }

  /** The name's id in out.eventNames, hashing the name only when it was not seen lately. */
  private nameId(start: number, end: number): number {
    let id = this.recentNames.find(this.bytes, start, end)
    if (id < 0) {
      id = this.out.eventNames.internBytes(this.bytes, start, end)
      this.recentNames.remember(start, end, id)
    }
    return id
  }

  /** A `task` row when a tid is first seen in this piece, or shows a new comm. */
  private noteTask(): void {
    const ctx = this.ctx
    const b = this.bytes
    const length = ctx.commEnd - ctx.commStart
    let slot = this.slotOfTid.get(ctx.tid)
    if (slot !== undefined && this.commLength[slot] === length && equalBytes(this.words.of(b), this.commAt[slot], this.words.view, ctx.commStart, length)) {
      this.commAt[slot] = ctx.commStart
      return
    }
    const t = this.out.table('task').col
    const commId = t.comm.dictionary.internBytes(b, ctx.commStart, ctx.commEnd)
    if (slot === undefined) {
      slot = this.slotOfTid.size
      this.slotOfTid.set(ctx.tid, slot)
      if (slot === this.commAt.length) this.growTaskSlots()
    } else if (this.commId[slot] === commId) {
      return
    }
    this.commAt[slot] = ctx.commStart
    this.commLength[slot] = length
    this.commId[slot] = commId
    t.ts.push(ctx.ts); pushOrNull(t.cpu, ctx.cpu); t.tid.push(ctx.tid); pushOrNull(t.pid, ctx.pid)
    t.comm.pushId(commId); t.change.push('seen'); t.parent_tid.pushNull()
  }

  private growTaskSlots(): void {
    this.commAt = grown(this.commAt)
    this.commLength = grown(this.commLength)
    this.commId = grown(this.commId)
  }

  private kindOf(nameId: number): EventKind {
    if (nameId >= this.kinds.length) {
      const grown = new Int8Array(Math.max(nameId + 1, this.kinds.length * 2)).fill(-1)
      grown.set(this.kinds)
      this.kinds = grown
    }
    let k = this.kinds[nameId] as EventKind | -1
    if (k === -1) {
      const name = this.out.eventNames.strings[nameId]
      k = eventKindOf(name)
      this.kinds[nameId] = k
      this.decoders[nameId] = k === EventKind.Tracepoint ? payloadDecoderFor(name.slice(name.indexOf(':') + 1)) : null
    }
    return k
  }
}
