// What is kept of the sliding windows, bounded whatever their number: count, exact sums of
// the CVs and Jain indices (so the means do not depend on how the trace was cut), the CVs'
// distribution as a log-linear histogram (percentiles within its relative error), the least
// Jain index and the worst window (largest CV, the first one on ties).
import { coefficientOfVariationPct } from '../stats/coefficient-of-variation-pct.js'
import { createHistogram } from '../stats/create-histogram.js'
import { addExact } from '../stats/exact-sum.js'
import type { LogLinearHistogram } from '../stats/histogram-types.js'
import { jainIndex } from '../stats/jain-index.js'
import { mergeHistograms } from '../stats/merge-histograms.js'
import { recordValue } from '../stats/record-value.js'

export interface WorstWindow {
  /** index of its first slice in the window sequence of the stretch it was found in */
  position: number
  cv_pct: number
  jain_index: number
  cpu_ns: number[]
  start_ns: number
  end_ns: number
}

export interface WindowStats {
  windows: number
  cvPartials: number[]
  jainPartials: number[]
  /** windows whose CV is defined (some task ran), those the sums and the histogram hold */
  defined: number
  cvPct: LogLinearHistogram
  minJain: number
  worst: WorstWindow | null
}

/** CVs are percentages, often below 1: relative error 0.1% down to 2^-20 %, absolute below. */
export const CV_HISTOGRAM = { relativeErrorMax: 0.001, lowestExponent: -20 }

export function createWindowStats(): WindowStats {
  return { windows: 0, cvPartials: [], jainPartials: [], defined: 0, cvPct: createHistogram(CV_HISTOGRAM), minJain: Infinity, worst: null }
}

/** One window: `sums[k]` is task k's CPU time in it. */
export function recordWindow(st: WindowStats, position: number, sums: ArrayLike<number>, startNs: number, endNs: number): void {
  st.windows++
  const cv = coefficientOfVariationPct(sums)
  if (Number.isNaN(cv)) return
  const jain = jainIndex(sums)
  st.defined++
  addExact(st.cvPartials, cv)
  addExact(st.jainPartials, jain)
  recordValue(st.cvPct, cv)
  if (jain < st.minJain) st.minJain = jain
  if (st.worst === null || cv > st.worst.cv_pct) {
    st.worst = { position, cv_pct: cv, jain_index: jain, cpu_ns: Array.from(sums), start_ns: startNs, end_ns: endNs }
  }
}

/** `b`'s windows come after all of a's; their positions move by `shift`. `a` is reused. */
export function appendWindowStats(a: WindowStats, b: WindowStats, shift: number): WindowStats {
  a.windows += b.windows
  a.defined += b.defined
  for (const x of b.cvPartials) addExact(a.cvPartials, x)
  for (const x of b.jainPartials) addExact(a.jainPartials, x)
  a.cvPct = mergeHistograms(a.cvPct, b.cvPct)
  a.minJain = Math.min(a.minJain, b.minJain)
  if (b.worst !== null && (a.worst === null || b.worst.cv_pct > a.worst.cv_pct)) a.worst = { ...b.worst, position: b.worst.position + shift }
  return a
}
