// Fairness over sliding windows of N slices (N context switches of the competing tasks): per
// window, each task's CPU time, the coefficient of variation of those times (the shares' CV,
// it is scale-free) and Jain's index; the worst window is the one of largest CV.
// Times are whole nanoseconds, so the running sums stay exact however many windows slide by.
import { quantileSorted } from 'd3-array'
import { coefficientOfVariationPct } from '../stats/coefficient-of-variation-pct.js'
import { jainIndex } from '../stats/jain-index.js'

export interface WindowFairness {
  /** windows evaluated; with fewer slices than N, one window of all of them */
  windows: number
  window_slices: number
  mean_cv_pct: number
  /** median and 99th percentile of the windows' CVs (linear interpolation between ranks) */
  p50_cv_pct: number
  p99_cv_pct: number
  max_cv_pct: number
  mean_jain_index: number
  min_jain_index: number
  worst: { first_slice: number; last_slice: number; cv_pct: number; jain_index: number; cpu_ns: number[] }
}

/** `task[i]` is the index (0..tasks-1) of the task that ran slice i, `durationNs[i]` how long. */
export function slidingWindowFairness(task: ArrayLike<number>, durationNs: ArrayLike<number>, tasks: number, windowSlices: number): WindowFairness | null {
  const n = task.length
  if (n === 0 || tasks === 0) return null
  const width = Math.min(windowSlices, n)
  const sums = new Float64Array(tasks)
  let windows = 0
  const cvs: number[] = []
  let cvTotal = 0
  let jainTotal = 0
  let worst: WindowFairness['worst'] | null = null
  let minJain = Infinity
  for (let i = 0; i < n; i++) {
    sums[task[i]] += durationNs[i]
    if (i >= width) sums[task[i - width]] -= durationNs[i - width]
    if (i < width - 1) continue
    const cv = coefficientOfVariationPct(sums)
    const jain = jainIndex(sums)
    cvs.push(cv)
    windows++
    cvTotal += cv
    jainTotal += jain
    minJain = Math.min(minJain, jain)
    if (worst === null || cv > worst.cv_pct) worst = { first_slice: i - width + 1, last_slice: i, cv_pct: cv, jain_index: jain, cpu_ns: [...sums] }
  }
  cvs.sort((a, b) => a - b)
  return {
    windows, window_slices: width, mean_cv_pct: cvTotal / windows, p50_cv_pct: quantileSorted(cvs, 0.5)!, p99_cv_pct: quantileSorted(cvs, 0.99)!, max_cv_pct: worst!.cv_pct,
    mean_jain_index: jainTotal / windows, min_jain_index: minJain, worst: worst!,
  }
}
