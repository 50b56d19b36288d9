// The sliding windows of N slices over a sequence the trace delivers in stretches, in memory
// bounded by N and the task count, not by the slices. A stretch's sequence is runs of known
// slices separated by pending ones (a CPU's first slice in the stretch, whose start, and even
// whether it exists, only the merge with the stretch before can tell). Each run evaluates
// the windows inside it as slices come and keeps only its first and last N-1 slices: enough
// for the windows that span a run border, evaluated when the border closes (a merge, or a
// pending slice completed or dropped).
import { appendWindowStats, createWindowStats, recordWindow, type WindowStats } from './window-stats.js'

export interface SequenceSlice {
  task: number
  ns: number
  startNs: number
  endNs: number
}

export interface Run {
  length: number
  /** its first min(length, N-1) slices */
  head: SequenceSlice[]
  /** its last min(length, N-1) slices, oldest first from `ringStart` (a ring of N-1) */
  ring: SequenceSlice[]
  ringStart: number
  /** per task, CPU time over the ring's slices */
  sums: Float64Array
  stats: WindowStats
}

export interface WindowRuns {
  width: number
  tasks: number
  runs: Run[]
  /** gaps[i]: the CPU whose pending slice lies between runs[i] and runs[i + 1] */
  gaps: number[]
}

function createRun(tasks: number): Run {
  return { length: 0, head: [], ring: [], ringStart: 0, sums: new Float64Array(tasks), stats: createWindowStats() }
}

export function createWindowRuns(width: number, tasks: number): WindowRuns {
  if (!(Number.isInteger(width) && width >= 2)) throw new RangeError(`windows span at least 2 switches, got ${width}`)
  return { width, tasks, runs: [createRun(tasks)], gaps: [] }
}

function ringSlices(r: Run): SequenceSlice[] {
  return [...r.ring.slice(r.ringStart), ...r.ring.slice(0, r.ringStart)]
}

function pushToRun(r: Run, s: SequenceSlice, width: number): void {
  r.sums[s.task] += s.ns
  if (r.head.length < width - 1) r.head.push(s)
  if (r.ring.length < width - 1) {
    r.ring.push(s)
  } else {
    const oldest = r.ring[r.ringStart]!
    recordWindow(r.stats, r.length - (width - 1), r.sums, oldest.startNs, s.endNs)
    r.sums[oldest.task] -= oldest.ns
    r.ring[r.ringStart] = s
    r.ringStart = (r.ringStart + 1) % (width - 1)
  }
  r.length++
}

export function pushSlice(w: WindowRuns, s: SequenceSlice): void {
  pushToRun(w.runs[w.runs.length - 1]!, s, w.width)
}

/** A slice of unknown start ends here, on `cpu`: windows across it wait for the merge. */
export function pushPending(w: WindowRuns, cpu: number): void {
  w.gaps.push(cpu)
  w.runs.push(createRun(w.tasks))
}

/** x, then `middle` (0 or 1 slice), then y, as one run: evaluates the windows across the border. */
function joinRuns(x: Run, middle: SequenceSlice[], y: Run, width: number, tasks: number): Run {
  const xTail = ringSlices(x)
  const across = [...xTail, ...middle, ...y.head]
  const sums = new Float64Array(tasks)
  const firstPosition = x.length - xTail.length
  for (let i = 0; i < across.length; i++) {
    sums[across[i]!.task] += across[i]!.ns
    if (i < width - 1) continue
    const first = across[i - width + 1]!
    recordWindow(x.stats, firstPosition + i - width + 1, sums, first.startNs, across[i]!.endNs)
    sums[first.task] -= first.ns
  }
  const joined = createRun(tasks)
  joined.length = x.length + middle.length + y.length
  joined.head = [...x.head, ...middle, ...y.head].slice(0, width - 1)
  joined.ring = [...xTail, ...middle, ...ringSlices(y)].slice(-(width - 1))
  for (const s of joined.ring) joined.sums[s.task] += s.ns
  joined.stats = appendWindowStats(x.stats, y.stats, x.length + middle.length)
  return joined
}

/**
 * `b` appended to `a` (a earlier in time); `a` is reused. `resolved` says what became of b's
 * pending slices, by CPU: the slice, or null when there was none; absent, still pending.
 */
export function appendWindowRuns(a: WindowRuns, b: WindowRuns, resolved: Map<number, SequenceSlice | null>): WindowRuns {
  const runs = [b.runs[0]!]
  const gaps: number[] = []
  for (let i = 0; i < b.gaps.length; i++) {
    const fate = resolved.get(b.gaps[i]!)
    if (fate === undefined) {
      gaps.push(b.gaps[i]!)
      runs.push(b.runs[i + 1]!)
    } else {
      runs[runs.length - 1] = joinRuns(runs[runs.length - 1]!, fate === null ? [] : [fate], b.runs[i + 1]!, a.width, a.tasks)
    }
  }
  a.runs[a.runs.length - 1] = joinRuns(a.runs[a.runs.length - 1]!, [], runs[0]!, a.width, a.tasks)
  a.runs.push(...runs.slice(1))
  a.gaps.push(...gaps)
  return a
}

export interface SequenceEnd {
  slices: number
  stats: WindowStats
  /** the last slice of the sequence, null when empty */
  last: SequenceSlice | null
}

/**
 * At the end of the trace: slices still pending have no start (their CPU's first switch), so
 * they drop out. With fewer slices than N, one window of all of them.
 */
export function finishWindowRuns(w: WindowRuns): SequenceEnd {
  let run = w.runs[0]!
  for (let i = 1; i < w.runs.length; i++) run = joinRuns(run, [], w.runs[i]!, w.width, w.tasks)
  const tail = ringSlices(run)
  if (run.length > 0 && run.length < w.width) {
    recordWindow(run.stats, 0, run.sums, run.head[0]!.startNs, tail[tail.length - 1]!.endNs)
  }
  return { slices: run.length, stats: run.stats, last: tail.length > 0 ? tail[tail.length - 1]! : null }
}
