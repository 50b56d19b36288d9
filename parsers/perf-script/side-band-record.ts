// Side-band records that `perf script --show-*-events` prints on the event line's place:
//   `perf  9672 [001]   400.969306: PERF_RECORD_LOST lost 472`
//   `swapper 0 [000] 0.000000: PERF_RECORD_FORK(1:1):(0:0)`
// Lost counts go to `lost`; every other record is kept in `event` under its record name.
import type { PieceTables } from '../../tables/piece-tables.js'
import { pushOrNull, type EventContext } from '../payload/event-context.js'
import { parseDecimal } from '../payload/parse-number.js'

const LOST = new TextEncoder().encode('PERF_RECORD_LOST')

function isLost(b: Uint8Array, s: number, e: number): boolean {
  if (e - s < LOST.length) return false
  for (let k = 0; k < LOST.length; k++) if (b[s + k] !== LOST[k]) return false
  return e - s === LOST.length || b[s + LOST.length] === 0x5f // PERF_RECORD_LOST_SAMPLES
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

export function pushRecord(out: PieceTables, ctx: EventContext, b: Uint8Array,
  nameStart: number, nameEnd: number, restStart: number, restEnd: number): void {
  if (isLost(b, nameStart, nameEnd)) {
    const l = out.table('lost').col
    l.ts.push(ctx.ts); pushOrNull(l.cpu, ctx.cpu)
    const n = lostCount(b, restStart, restEnd)
    if (Number.isNaN(n)) l.count.pushNull()
    else l.count.push(n)
    return
  }
  const ev = out.table('event').col
  ev.ts.push(ctx.ts); pushOrNull(ev.cpu, ctx.cpu); pushOrNull(ev.tid, ctx.tid)
  ev.name.pushBytes(b, nameStart, nameEnd)
  if (restEnd > restStart) ev.args.pushBytes(b, restStart, restEnd)
  else ev.args.pushNull()
  ev.stack_id.pushNull()
}
