// Non-idle time per CPU, kept in fixed buckets so that the busy time of any window chosen
// after the pass (the jobs' window) can be read back: a window edge inside a bucket takes its
// share of the bucket pro rata, so the error is at most one bucket per edge and CPU.
// Everything before a CPU's first switch in a segment is settled at merge, by the task the
// previous segment left running there.

export interface CpuTimeline {
  firstTs: number
  /** the task that ran before the first switch seen (0 = idle) */
  firstPrevTid: number
  lastTs: number
  lastNextTid: number
  /** bucket index -> busy ns in it */
  buckets: Map<number, number>
}

export interface CpuBusy {
  bucketNs: number
  cpus: Map<number, CpuTimeline>
}

export const BUSY_BUCKET_NS = 10e6

export function createCpuBusy(bucketNs = BUSY_BUCKET_NS): CpuBusy {
  return { bucketNs, cpus: new Map() }
}

function addInterval(buckets: Map<number, number>, bucketNs: number, fromNs: number, toNs: number): void {
  let t = fromNs
  while (t < toNs) {
    const b = Math.floor(t / bucketNs)
    const end = Math.min(toNs, (b + 1) * bucketNs)
    buckets.set(b, (buckets.get(b) ?? 0) + (end - t))
    t = end
  }
}

export function addSwitch(busy: CpuBusy, cpu: number, tsNs: number, prevTid: number, nextTid: number): void {
  const c = busy.cpus.get(cpu)
  if (c === undefined) {
    busy.cpus.set(cpu, { firstTs: tsNs, firstPrevTid: prevTid, lastTs: tsNs, lastNextTid: nextTid, buckets: new Map() })
    return
  }
  if (c.lastNextTid !== 0) addInterval(c.buckets, busy.bucketNs, c.lastTs, tsNs)
  c.lastTs = tsNs
  c.lastNextTid = nextTid
}

/** `a` then `b` (a earlier in time). */
export function mergeCpuBusy(a: CpuBusy, b: CpuBusy): CpuBusy {
  const cpus = new Map(a.cpus)
  for (const [cpu, later] of b.cpus) {
    const earlier = cpus.get(cpu)
    if (earlier === undefined) {
      cpus.set(cpu, later)
      continue
    }
    const buckets = new Map(earlier.buckets)
    for (const [k, v] of later.buckets) buckets.set(k, (buckets.get(k) ?? 0) + v)
    if (earlier.lastNextTid !== 0) addInterval(buckets, a.bucketNs, earlier.lastTs, later.firstTs)
    cpus.set(cpu, { firstTs: earlier.firstTs, firstPrevTid: earlier.firstPrevTid, lastTs: later.lastTs, lastNextTid: later.lastNextTid, buckets })
  }
  return { bucketNs: a.bucketNs, cpus }
}

/** Busy ns of all CPUs within [startNs, endNs]; a CPU's time before its first or after its last switch counts by the task running then. */
export function busyNsIn(busy: CpuBusy, startNs: number, endNs: number): number {
  let total = 0
  const overlap = (from: number, to: number): number => Math.max(0, Math.min(to, endNs) - Math.max(from, startNs))
  for (const c of busy.cpus.values()) {
    for (const [b, ns] of c.buckets) {
      const from = b * busy.bucketNs
      total += (ns * overlap(from, from + busy.bucketNs)) / busy.bucketNs
    }
    if (c.firstPrevTid !== 0) total += overlap(startNs, c.firstTs)
    if (c.lastNextTid !== 0) total += overlap(c.lastTs, endNs)
  }
  return total
}
