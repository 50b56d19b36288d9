// Side-band records that `perf script --show-*-events` prints on the event line's place:
//   `perf  9672 [001]   400.969306: PERF_RECORD_LOST lost 472`
//   `swapper 0 [000] 0.000000: PERF_RECORD_FORK(1:1):(0:0)`        pid:tid of the child, then of the parent
//   `hackbench 9674 [001] 400.935514: PERF_RECORD_COMM exec: hackbench:9674/9674`
// Lost counts go to `lost`, FORK/EXIT/COMM to `task`; every other record (or one that does not
// read as expected) is kept in `event` under its record name.
import type { PieceTables } from '../../tables/piece-tables.js'
import { pushOrNull, type EventContext } from '../payload/event-context.js'
import { ascii, bytesEqual, parseDecimal } from '../payload/parse-number.js'

const PREFIX = 'PERF_RECORD_'.length
const LOST = ascii('LOST')
const LOST_SAMPLES = ascii('LOST_SAMPLES')
const FORK = ascii('FORK')
const EXIT = ascii('EXIT')
const COMM = ascii('COMM')
const EXEC = ascii('exec: ')

function recordIs(b: Uint8Array, s: number, e: number, word: Uint8Array): boolean {
  return e - s - PREFIX === word.length && bytesEqual(b, s + PREFIX, word)
}

/** The number after the last `lost ` in the record's text, NaN if none. */
function lostCount(b: Uint8Array, s: number, e: number): number {
  for (let i = e - 5; i >= s; i--) {
    if (b[i] === 0x6c && b[i + 1] === 0x6f && b[i + 2] === 0x73 && b[i + 3] === 0x74 && b[i + 4] === 0x20) {
      let j = i + 5
      while (j < e && b[j] >= 0x30 && b[j] <= 0x39) j++
      return parseDecimal(b, i + 5, j)
    }
  }
  return NaN
}

/** `(pid:tid):(ppid:ptid)` into ids[0..3]; false if the text is not that. */
function readIdPairs(b: Uint8Array, s: number, e: number, ids: number[]): boolean {
  let k = 0
  let i = s
  while (k < 4) {
    const open = k % 2 === 0
    if (open) {
      if (b[i] !== 0x28) return false
      i++
    }
    let j = i
    if (b[j] === 0x2d) j++
    while (j < e && b[j] >= 0x30 && b[j] <= 0x39) j++
    ids[k] = parseDecimal(b, i, j)
    if (Number.isNaN(ids[k])) return false
    const sep = open ? 0x3a : 0x29
    if (b[j] !== sep) return false
    i = j + 1
    if (!open && k === 1) {
      if (b[i] !== 0x3a) return false
      i++
    }
    k++
  }
  return i === e
}

const ids = [0, 0, 0, 0]

function pushTask(out: PieceTables, ctx: EventContext, b: Uint8Array, tid: number, pid: number,
  commStart: number, commEnd: number, change: string, parentTid: number): void {
  const t = out.table('task').col
  t.ts.push(ctx.ts); pushOrNull(t.cpu, ctx.cpu); t.tid.push(tid); pushOrNull(t.pid, pid)
  if (commStart >= 0) t.comm.pushBytes(b, commStart, commEnd)
  else t.comm.push('')
  t.change.push(change); pushOrNull(t.parent_tid, parentTid)
}

/** Returns false when the record is not one of those read into `lost` or `task`. */
function pushKnownRecord(out: PieceTables, ctx: EventContext, b: Uint8Array,
  nameStart: number, nameEnd: number, restStart: number, restEnd: number): boolean {
  if (recordIs(b, nameStart, nameEnd, LOST) || recordIs(b, nameStart, nameEnd, LOST_SAMPLES)) {
    const l = out.table('lost').col
    l.ts.push(ctx.ts); pushOrNull(l.cpu, ctx.cpu)
    const n = lostCount(b, restStart, restEnd)
    if (Number.isNaN(n)) l.count.pushNull()
    else l.count.push(n)
    return true
  }
  const fork = recordIs(b, nameStart, nameEnd, FORK)
  if (fork || recordIs(b, nameStart, nameEnd, EXIT)) {
    if (!readIdPairs(b, restStart, restEnd, ids)) return false
    pushTask(out, ctx, b, ids[1], ids[0], ctx.commStart, ctx.commEnd, fork ? 'fork' : 'exit', fork ? ids[3] : -1)
    return true
  }
  if (recordIs(b, nameStart, nameEnd, COMM)) {
    // `[exec: ]comm:pid/tid`, the comm possibly holding ':'
    const exec = bytesEqual(b, restStart, EXEC)
    const s = exec ? restStart + EXEC.length : restStart
    let slash = restEnd - 1
    while (slash > s && b[slash] !== 0x2f) slash--
    let colon = slash - 1
    while (colon > s && b[colon] !== 0x3a) colon--
    const pid = parseDecimal(b, colon + 1, slash)
    const tid = parseDecimal(b, slash + 1, restEnd)
    if (colon <= s || Number.isNaN(pid) || Number.isNaN(tid)) return false
    pushTask(out, ctx, b, tid, pid, s, colon, exec ? 'exec' : 'rename', -1)
    return true
  }
  return false
}

export function pushRecord(out: PieceTables, ctx: EventContext, b: Uint8Array,
  nameStart: number, nameEnd: number, restStart: number, restEnd: number): void {
  if (pushKnownRecord(out, ctx, b, nameStart, nameEnd, restStart, restEnd)) return
  const ev = out.table('event').col
  ev.ts.push(ctx.ts); pushOrNull(ev.cpu, ctx.cpu); pushOrNull(ev.tid, ctx.tid)
  ev.name.pushBytes(b, nameStart, nameEnd)
  if (restEnd > restStart) ev.args.pushBytes(b, restStart, restEnd)
  else ev.args.pushNull()
  ev.stack_id.pushNull()
}
