// Percentiles of a bpftrace hist() taken as it printed them: each percentile is the bucket
// that holds its rank, found here independently from the printed text.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { BucketHistogramResult } from '../analyses/bucket-histogram/bucket-histogram-analysis.js'
import { runAnalyses } from '../src/analyze/run-analyses.js'
import { REAL } from './shared-paths.js'

const file = join(REAL, 'bpftrace/syslat-small.txt')

/** `[lo, hi) count |@@@|` rows of @lat_ns, with K/M suffixes as bpftrace prints them. */
function printedBuckets(): { lo: number; hi: number; count: number }[] {
  const text = readFileSync(file, 'utf8')
  const block = text.slice(text.indexOf('@lat_ns:'), text.indexOf('\n\n', text.indexOf('@lat_ns:')))
  const size = (s: string): number => Number(s.replace(/[KMG]$/, '')) * ({ K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[s.slice(-1)] ?? 1)
  return [...block.matchAll(/\[(\w+), (\w+)\)\s+(\d+)/g)].map((m) => ({ lo: size(m[1]), hi: size(m[2]), count: Number(m[3]) }))
}

describe('histogram analysis over bpftrace hist()', () => {
  it('counts what the script counted and puts each percentile in the bucket of its rank', async () => {
    const buckets = printedBuckets()
    const total = buckets.reduce((n, b) => n + b.count, 0)
    expect(total).toBe(4335) // MANIFEST.md: the hist sums to @stats_ns's count
    const run = await runAnalyses(file, [{ name: 'histogram', params: { name: '@lat_ns' } }], { workers: 1 })
    const h = (run.outputs[0].result as BucketHistogramResult).histograms[0]
    expect(h.count).toBe(total)
    for (const [p, q] of [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]] as const) {
      const rank = Math.floor((total - 1) * q) + 1 // the lower order statistic around (n-1)q
      let seen = 0
      const bucket = buckets.find((b) => (seen += b.count) >= rank)!
      expect(h.percentiles[p]!.low, p).toBe(bucket.lo)
      expect(h.unit).toBe('ns')
      expect(h.percentiles_ns![p]!.low).toBe(bucket.lo)
    }
  })
})
