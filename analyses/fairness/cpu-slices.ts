// Every stretch a task ran on a CPU (switch-in to switch-out), in the order the switch-outs
// came. A segment cannot know who ran on a CPU before its first switch there nor since when:
// that first slice waits for the merge, which knows the previous segment's last switch.

export interface SliceHead {
  /** index of the slice the CPU's first switch ended, -1 when the idle task ran */
  index: number
  prevTid: number
}

export interface CpuSlices {
  tid: number[]
  cpu: number[]
  /** NaN until known */
  startNs: number[]
  endNs: number[]
  /** per CPU, the first switch of this stretch of the trace, while its slice has no start */
  heads: Map<number, SliceHead>
  /** per CPU, the task its last switch put on and when */
  tails: Map<number, { tsNs: number; tid: number }>
  /** switches whose prev task is not the one the CPU's previous switch put on (events lost) */
  mismatched: number
}

export function createCpuSlices(): CpuSlices {
  return { tid: [], cpu: [], startNs: [], endNs: [], heads: new Map(), tails: new Map(), mismatched: 0 }
}

function push(s: CpuSlices, tid: number, cpu: number, startNs: number, endNs: number): number {
  s.tid.push(tid)
  s.cpu.push(cpu)
  s.startNs.push(startNs)
  s.endNs.push(endNs)
  return s.tid.length - 1
}

export function addSlice(s: CpuSlices, cpu: number, tsNs: number, prevTid: number, nextTid: number): void {
  const tail = s.tails.get(cpu)
  if (tail === undefined) {
    s.heads.set(cpu, { index: prevTid === 0 ? -1 : push(s, prevTid, cpu, NaN, tsNs), prevTid })
  } else if (tail.tid !== prevTid) {
    s.mismatched++
  } else if (prevTid !== 0) {
    push(s, prevTid, cpu, tail.tsNs, tsNs)
  }
  s.tails.set(cpu, { tsNs, tid: nextTid })
}

/** `b` appended to `a` (a earlier in time); `a` is reused. */
export function appendSlices(a: CpuSlices, b: CpuSlices): CpuSlices {
  const offset = a.tid.length
  for (let i = 0; i < b.tid.length; i++) push(a, b.tid[i], b.cpu[i], b.startNs[i], b.endNs[i])
  for (const [cpu, head] of b.heads) {
    const tail = a.tails.get(cpu)
    if (tail === undefined) {
      a.heads.set(cpu, { index: head.index < 0 ? -1 : head.index + offset, prevTid: head.prevTid })
    } else if (tail.tid !== head.prevTid) {
      a.mismatched++
    } else if (head.index >= 0) {
      a.startNs[head.index + offset] = tail.tsNs
    }
  }
  for (const [cpu, tail] of b.tails) a.tails.set(cpu, tail)
  a.mismatched += b.mismatched
  return a
}
