// Per CPU, the switch that opened the slice running there (switch-in to switch-out). A
// stretch of the trace cannot know who ran on a CPU before its first switch there, nor since
// when: that first slice stays pending until the merge with the stretch before, which knows
// the CPU's last switch. State is per CPU, so memory stays bounded by the CPU count.
import { dictColumn, int32Column, int64Column, type Segment } from '../segment.js'

export interface SliceHead {
  /** the task the CPU's first switch of the stretch switched out (0: the idle task) */
  prevTid: number
  endNs: number
}

export interface CpuSlices {
  /** per CPU, the first switch of this stretch, while its slice has no start */
  heads: Map<number, SliceHead>
  /** per CPU, the task its last switch put on and when */
  tails: Map<number, { tsNs: number; tid: number }>
  /** switches whose prev task is not the one the CPU's previous switch put on (events lost) */
  mismatched: number
}

/** A slice the merge completed: one of b's heads, with its start from a's last switch. */
export interface ResolvedHead {
  cpu: number
  tid: number
  /** null: no slice (the previous switch put another task on: events lost) */
  startNs: number | null
  endNs: number
}

/** The sched_switch columns slices come from, null when the segment has none. */
export function switchColumns(s: Segment): { rows: number; ts: Float64Array; cpu: Int32Array; prev: Int32Array; next: Int32Array; prevComm: DictColumn; nextComm: DictColumn } | null {
  const sw = s.tables.sched_switch
  if (sw === undefined) return null
  return {
    rows: sw.rows, ts: int64Column(sw, 'ts'), cpu: int32Column(sw, 'cpu'), prev: int32Column(sw, 'prev_tid'), next: int32Column(sw, 'next_tid'),
    prevComm: dictColumn(sw, 'prev_comm'), nextComm: dictColumn(sw, 'next_comm'),
  }
}

type DictColumn = ReturnType<typeof dictColumn>

export type OnSlice = (tid: number, cpu: number, startNs: number, endNs: number) => void

export function createCpuSlices(): CpuSlices {
  return { heads: new Map(), tails: new Map(), mismatched: 0 }
}

/**
 * One sched_switch. Calls onSlice for the slice it ends when that slice is known; returns
 * true when it ends a pending one (the CPU's first switch of the stretch, out of a real task).
 */
export function addSwitch(s: CpuSlices, cpu: number, tsNs: number, prevTid: number, nextTid: number, onSlice: OnSlice): boolean {
  const tail = s.tails.get(cpu)
  if (tail === undefined) {
    s.heads.set(cpu, { prevTid, endNs: tsNs })
    s.tails.set(cpu, { tsNs, tid: nextTid })
    return prevTid !== 0
  }
  if (tail.tid !== prevTid) s.mismatched++
  else if (prevTid !== 0) onSlice(prevTid, cpu, tail.tsNs, tsNs)
  tail.tsNs = tsNs
  tail.tid = nextTid
  return false
}

/**
 * `b` appended to `a` (a earlier in time); `a` is reused. Returns b's pending slices that a
 * completes (or drops); those of CPUs a never saw stay pending.
 */
export function appendCpuSlices(a: CpuSlices, b: CpuSlices): ResolvedHead[] {
  const resolved: ResolvedHead[] = []
  for (const [cpu, head] of b.heads) {
    const tail = a.tails.get(cpu)
    if (tail === undefined) {
      a.heads.set(cpu, head)
    } else if (tail.tid !== head.prevTid) {
      a.mismatched++
      if (head.prevTid !== 0) resolved.push({ cpu, tid: head.prevTid, startNs: null, endNs: head.endNs })
    } else if (head.prevTid !== 0) {
      resolved.push({ cpu, tid: head.prevTid, startNs: tail.tsNs, endNs: head.endNs })
    }
  }
  for (const [cpu, tail] of b.tails) a.tails.set(cpu, tail)
  a.mismatched += b.mismatched
  return resolved
}
