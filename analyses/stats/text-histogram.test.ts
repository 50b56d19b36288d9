import { describe, expect, it } from 'vitest'
import { createHistogram } from './create-histogram.js'
import { histogramFromBuckets } from './histogram-from-buckets.js'
import { recordValues } from './record-values.js'
import { samples } from './test-samples.js'
import { textHistogram } from './text-histogram.js'

// bpftrace 0.17.0's own rendering of runqlat's `@usecs = hist(...)`, from
// shared/fixtures-real/bpftrace/runqlat-small.txt (command in that folder's MANIFEST.md).
const bpftraceRunqlat = `[1]                   23 |@@@                                                 |
[2, 4)               238 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@              |
[4, 8)                82 |@@@@@@@@@@@@@                                       |
[8, 16)               59 |@@@@@@@@@                                           |
[16, 32)             323 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@|
[32, 64)             173 |@@@@@@@@@@@@@@@@@@@@@@@@@@@                         |
[64, 128)              5 |                                                    |
[128, 256)             7 |@                                                   |
[256, 512)             7 |@                                                   |
[512, 1K)             15 |@@                                                  |
[1K, 2K)               2 |                                                    |`

const suffix = (s: string) => (s.endsWith('K') ? Number(s.slice(0, -1)) * 1024 : Number(s))

function parseRow(line: string) {
  const match = /^(\S.*?)\s+(\d+) \|(@*)\s*\|$/.exec(line)!
  return { label: match[1]!, count: Number(match[2]), bar: match[3]!.length }
}

describe('textHistogram', () => {
  it('draws the bars bpftrace draws for the same buckets', () => {
    const rows = bpftraceRunqlat.split('\n').map(parseRow)
    const buckets = rows.map(({ label, count }) => {
      const single = /^\[(\w+)\]$/.exec(label)
      if (single) return { lo: suffix(single[1]!), hi: suffix(single[1]!) + 1, count }
      const [, lo, hi] = /^\[(\w+), (\w+)\)$/.exec(label)!
      return { lo: suffix(lo!), hi: suffix(hi!), count }
    })
    const ours = textHistogram(histogramFromBuckets(buckets), { valueUnit: 'us' }).split('\n').map(parseRow)
    expect(ours.map((r) => r.count)).toEqual(rows.map((r) => r.count))
    expect(ours.map((r) => r.bar)).toEqual(rows.map((r) => r.bar))
    expect(ours[0]!.label).toBe('[1 us, 2 us)')
    expect(ours[9]!.label).toBe('[512 us, 1024 us)')
  })

  it('groups a log-linear histogram into powers of two that hold exactly the values counted', () => {
    const values = samples('integerNs', 50_000, 6).map((v) => Math.min(v, 4000))
    const text = textHistogram(recordValues(createHistogram(), values))
    const rows = text.split('\n').map(parseRow)
    let total = 0
    for (const row of rows) {
      const [, lo, hi] = /^\[(\d+) ns, (\d+) ns\)$/.exec(row.label)!
      expect(Number(hi)).toBe(Number(lo) * 2)
      const expected = values.filter((v) => v >= Number(lo) && v < Number(hi)).length
      expect(row.count, row.label).toBe(expected)
      total += row.count
    }
    expect(total).toBe(values.length)
    const largest = Math.max(...rows.map((r) => r.count))
    for (const row of rows) expect(row.bar).toBe(Math.floor((row.count * 52) / largest))
  })

  it('keeps empty rows between non-empty ones, with finer rows on request, and picks the unit', () => {
    const values = Float64Array.of(3e6, 3.1e6, 50e6)
    const rows = textHistogram(recordValues(createHistogram(), values), { bucketsPerOctave: 4, width: 10 }).split('\n')
    for (const row of rows) expect(row).toMatch(/^\[[\d.]+ ms, [\d.]+ ms\) +\d \|[@ ]{10}\|$/)
    expect(rows[0]).toMatch(/^\[2\.621 ms, 3\.146 ms\) +2 \|@{10}\|$/)
    expect(rows[rows.length - 1]).toMatch(/^\[4[\d.]+ ms, 5[\d.]+ ms\) +1 \|@{5} {5}\|$/)
    // 2^21.5 .. 2^25.6 ns at 4 rows per octave: every quarter octave in between is listed
    expect(rows.length).toBe(17)
    expect(textHistogram(createHistogram())).toBe('')
  })

  it('writes open-ended bpftrace lhist buckets as inf', () => {
    const text = textHistogram(histogramFromBuckets([
      { lo: 0, hi: 100, count: 4 },
      { lo: 100, hi: Infinity, count: 2 },
    ]), { width: 4 })
    expect(text).toBe('[0 ns, 100 ns) 4 |@@@@|\n[100 ns, inf)  2 |@@  |')
  })
})
