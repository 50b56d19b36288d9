// `exotrace analyze INPUT histogram [--name @lat_ns]`: the distributions a tool already
// bucketed (bpftrace hist()/lhist()), taken as they are. Only the bucket bounds are known, so
// every percentile is reported as the bucket interval that holds it, never as a value made up
// inside the bucket, and the confidence intervals are bucket bounds too.
import type { Analysis, Coverage } from '../analysis.js'
import { dictColumn, float64Column, int64Column, utf8Column, type Segment } from '../segment.js'
import { histogramFromBuckets } from '../stats/histogram-from-buckets.js'
import type { Bucket } from '../stats/histogram-types.js'
import { quantileBounds } from '../stats/quantile-bounds.js'
import { quantileIntervalFromHistogram } from '../stats/quantile-interval-from-histogram.js'

export interface BucketHistogramParams {
  /** only this histogram (map name, e.g. @usecs); all when absent */
  name?: string
}

export interface BucketHistogramAcc {
  /** "name\tkey" -> unit and buckets, in the order the tool printed them */
  histograms: Map<string, { unit: string | null; buckets: Bucket[] }>
}

const NS_PER: Record<string, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }

export interface Interval { low: number; high: number }

export interface BucketHistogramReport {
  name: string
  key: string
  /** unit of the bucket bounds as the script states it; figures below are in it, and in ns when it is a time */
  unit: string | null
  count: number
  buckets: number
  percentiles: Record<'p50' | 'p90' | 'p99' | 'p999', Interval | null>
  percentiles_ns: Record<'p50' | 'p90' | 'p99' | 'p999', Interval | null> | null
  /** 95% distribution-free intervals, widened to bucket bounds */
  ci95: { p50: Interval | null; p99: Interval | null }
  note: string
}

export interface BucketHistogramResult {
  coverage: Coverage
  histograms: BucketHistogramReport[]
}

function report(name: string, key: string, unit: string | null, buckets: Bucket[]): BucketHistogramReport {
  const h = histogramFromBuckets(buckets)
  const qs = { p50: 0.5, p90: 0.9, p99: 0.99, p999: 0.999 } as const
  const percentiles = Object.fromEntries(Object.entries(qs).map(([k, q]) => [k, quantileBounds(h, q)])) as BucketHistogramReport['percentiles']
  const scale = unit === null ? undefined : NS_PER[unit]
  const ci = (q: number): Interval | null => {
    const c = quantileIntervalFromHistogram(h, q, 0.95)
    return c === null ? null : { low: c.low, high: c.high }
  }
  return {
    name, key, unit, count: h.count, buckets: buckets.length, percentiles,
    percentiles_ns: scale === undefined ? null : Object.fromEntries(Object.entries(percentiles).map(([k, v]) => [k, v === null ? null : { low: v.low * scale, high: v.high * scale }])) as BucketHistogramReport['percentiles_ns'],
    ci95: { p50: ci(0.5), p99: ci(0.99) },
    note: 'from the tool\'s buckets: each figure is the bucket interval [low, high) that holds it',
  }
}

export const bucketHistogramAnalysis: Analysis<BucketHistogramParams, BucketHistogramAcc, BucketHistogramResult> = {
  name: 'histogram',
  description: 'percentiles of histograms a tool bucketed itself (bpftrace hist/lhist), as bucket intervals',
  tables: ['histogram'],
  needs: (p) => ({
    events: [`a bpftrace hist() or lhist() map${p.name ? ` named ${p.name}` : ''}`],
    record: ['bpftrace -e \'tracepoint:raw_syscalls:sys_enter { @s[tid] = nsecs } tracepoint:raw_syscalls:sys_exit /@s[tid]/ { @lat_ns = hist(nsecs - @s[tid]); delete(@s[tid]) }\''],
  }),
  init: () => ({ histograms: new Map() }),
  add(acc, s: Segment, p) {
    const t = s.tables.histogram
    if (t === undefined) return acc
    const name = dictColumn(t, 'name')
    const key = utf8Column(t, 'key')
    const lo = float64Column(t, 'lo')
    const hi = float64Column(t, 'hi')
    const count = int64Column(t, 'count')
    const unit = dictColumn(t, 'unit')
    for (let r = 0; r < t.rows; r++) {
      const n = name.strings[name.ids[r]]
      if (p.name !== undefined && n !== p.name) continue
      const id = `${n}\t${key[r] ?? ''}`
      let h = acc.histograms.get(id)
      if (h === undefined) acc.histograms.set(id, (h = { unit: unit.ids[r] >= 0 ? unit.strings[unit.ids[r]] : null, buckets: [] }))
      h.buckets.push({ lo: lo[r], hi: hi[r], count: count[r] })
    }
    return acc
  },
  merge(a, b) {
    const histograms = new Map(a.histograms)
    for (const [k, h] of b.histograms) {
      const prev = histograms.get(k)
      histograms.set(k, prev === undefined ? h : { unit: prev.unit, buckets: [...prev.buckets, ...h.buckets] })
    }
    return { histograms }
  },
  finish(acc, _p, coverage) {
    if (acc.histograms.size === 0) return null
    return {
      coverage,
      histograms: [...acc.histograms].map(([id, h]) => {
        const [name, key] = id.split('\t')
        return report(name, key, h.unit, h.buckets.filter((b) => b.count > 0))
      }),
    }
  },
}
