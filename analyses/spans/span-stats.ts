// Where completed spans go: exact per-group statistics (count, errors, total, min, max, mean,
// stddev: what `perf trace -s` prints per thread and syscall) and a latency histogram per
// distribution group. Plain data, mergeable in input order.
import { combineMoments } from '../stats/combine-moments.js'
import { createHistogram, type HistogramOptions } from '../stats/create-histogram.js'
import type { LogLinearHistogram } from '../stats/histogram-types.js'
import { mergeHistograms } from '../stats/merge-histograms.js'
import { recordValue } from '../stats/record-value.js'

export interface GroupStats {
  count: number
  errors: number
  totalNs: number
  minNs: number
  maxNs: number
  /** begin time of the longest span */
  maxAtNs: number
  mean: number
  m2: number
}

export interface SpanStats {
  histogramOptions: HistogramOptions
  groups: Map<string, GroupStats>
  histograms: Map<string, LogLinearHistogram>
}

export function createSpanStats(histogramOptions: HistogramOptions = {}): SpanStats {
  return { histogramOptions, groups: new Map(), histograms: new Map() }
}

export function recordSpan(s: SpanStats, group: string, histogram: string, beginNs: number, durationNs: number, failed: boolean): void {
  let g = s.groups.get(group)
  if (g === undefined) {
    g = { count: 0, errors: 0, totalNs: 0, minNs: Infinity, maxNs: -Infinity, maxAtNs: NaN, mean: 0, m2: 0 }
    s.groups.set(group, g)
  }
  g.count++
  if (failed) g.errors++
  g.totalNs += durationNs
  if (durationNs < g.minNs) g.minNs = durationNs
  if (durationNs > g.maxNs) { g.maxNs = durationNs; g.maxAtNs = beginNs }
  const delta = durationNs - g.mean
  g.mean += delta / g.count
  g.m2 += delta * (durationNs - g.mean)
  let h = s.histograms.get(histogram)
  if (h === undefined) s.histograms.set(histogram, (h = createHistogram(s.histogramOptions)))
  recordValue(h, durationNs)
}

function mergeGroup(a: GroupStats, b: GroupStats): GroupStats {
  const m = combineMoments(a, b)
  const bMax = b.maxNs > a.maxNs
  return {
    count: m.count, mean: m.mean, m2: m.m2, errors: a.errors + b.errors, totalNs: a.totalNs + b.totalNs,
    minNs: Math.min(a.minNs, b.minNs), maxNs: bMax ? b.maxNs : a.maxNs, maxAtNs: bMax ? b.maxAtNs : a.maxAtNs,
  }
}

/** Statistics of a's spans then b's. */
export function mergeSpanStats(a: SpanStats, b: SpanStats): SpanStats {
  const groups = new Map(a.groups)
  for (const [k, g] of b.groups) {
    const prev = groups.get(k)
    groups.set(k, prev === undefined ? g : mergeGroup(prev, g))
  }
  const histograms = new Map(a.histograms)
  for (const [k, h] of b.histograms) {
    const prev = histograms.get(k)
    histograms.set(k, prev === undefined ? h : mergeHistograms(prev, h))
  }
  return { histogramOptions: a.histogramOptions, groups, histograms }
}
