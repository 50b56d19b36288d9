// What bpftrace says about the run rather than the trace, the same from text and `-f json`.
import type { PieceTables } from '../../tables/piece-tables.js'
import { writeUntimedEvent } from '../jsonl/untimed-event.js'

export const ATTACHED_PROBES_EVENT = 'bpftrace:attached_probes'
export const TIME_EVENT = 'bpftrace:time'

export function writeAttachedProbes(out: PieceTables, probes: number): void {
  writeNotice(out, ATTACHED_PROBES_EVENT, `probes=${probes}`)
}

/** A bpftrace notice (time(), attached probes, ...) or a map entry that is not a number. */
export function writeNotice(out: PieceTables, name: string, args: string): void {
  writeUntimedEvent(out, name, args)
  out.countEvent(name)
}

/** `Lost N events`: perf-buffer overflow; bpftrace says neither when nor on which CPU. */
export function writeLost(out: PieceTables, count: number): void {
  const c = out.table('lost').col
  c.ts.pushNull()
  c.cpu.pushNull()
  c.count.push(count)
}
