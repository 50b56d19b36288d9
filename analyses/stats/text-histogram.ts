import { float64HighWord } from './float64-high-word.js'
import { histogramBuckets } from './histogram-buckets.js'
import type { Bucket, Histogram } from './histogram-types.js'

export type TimeUnit = 'ns' | 'us' | 'ms' | 's'

export interface TextHistogramOptions {
  /** Columns of the bar at the largest count (bpftrace: 52). */
  width?: number
  /** Rows per power of two for a log-linear histogram (a power of two, default 1 as bpftrace's hist()). */
  bucketsPerOctave?: number
  /** Unit of the recorded values (bpftrace's @usecs: 'us'). Default 'ns'. */
  valueUnit?: TimeUnit
}

const NS_PER: Record<TimeUnit, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 }

/**
 * Terminal rendering in the shape of bpftrace's hist() output, one row per bucket:
 * `[16 us, 32 us)   323 |@@@@@@@@@@|`. The bar is floor(count * width / largest count)
 * characters, as bpftrace draws it. The display unit is chosen from the largest bound and
 * written on every row. Log-linear buckets are grouped by powers of two (or finer with
 * bucketsPerOctave), exactly, because their bounds nest in that grid; empty rows between
 * non-empty ones are kept so the shape reads true. Empty string for an empty histogram.
 */
export function textHistogram(h: Histogram, options: TextHistogramOptions = {}): string {
  const width = options.width ?? 52
  const perOctave = options.bucketsPerOctave ?? 1
  const scale = NS_PER[options.valueUnit ?? 'ns']
  if (!(Number.isInteger(width) && width >= 1)) throw new RangeError(`width must be a positive integer, got ${width}`)
  if (!(Number.isInteger(Math.log2(perOctave)) && perOctave >= 1)) {
    throw new RangeError(`bucketsPerOctave must be a power of two, got ${perOctave}`)
  }
  const rows = h.kind === 'buckets' ? [...histogramBuckets(h)] : withEmptyCells(gridGroups(h, perOctave), perOctave)
  if (rows.length === 0 || h.count === 0) return ''
  let largestNs = 0
  for (const row of rows) {
    for (const bound of [row.lo, row.hi]) if (Number.isFinite(bound)) largestNs = Math.max(largestNs, Math.abs(bound * scale))
  }
  const unit: TimeUnit = largestNs < 1e4 ? 'ns' : largestNs < 1e7 ? 'us' : largestNs < 1e10 ? 'ms' : 's'
  const show = (value: number) => formatBound((value * scale) / NS_PER[unit], unit)
  const labels = rows.map((row) => `${row.lo === -Infinity ? '(-inf' : `[${show(row.lo)}`}, ${row.hi === Infinity ? 'inf' : show(row.hi)})`)
  const maxCount = Math.max(...rows.map((row) => row.count))
  const labelWidth = Math.max(...labels.map((label) => label.length))
  const countWidth = Math.max(...rows.map((row) => String(row.count).length))
  return rows
    .map((row, i) => {
      const bar = '@'.repeat(Math.floor((row.count * width) / maxCount)).padEnd(width)
      return `${labels[i]!.padEnd(labelWidth)} ${String(row.count).padStart(countWidth)} |${bar}|`
    })
    .join('\n')
}

// Four significant digits tell neighbouring bounds apart down to 1/1000 of an octave while
// keeping whole numbers whole (1024 us, not 1.024e+3 us).
function formatBound(value: number, unit: TimeUnit): string {
  const digits = Number.isInteger(value) && Math.abs(value) < 1e6 ? String(value) : String(Number(value.toPrecision(4)))
  return `${digits} ${unit}`
}

// The cell [lo, hi) of the grid (bucketsPerOctave cells per power of two) holding x > 0.
function gridCell(x: number, perOctave: number): [number, number] {
  const exponent = ((float64HighWord(x) >>> 20) & 0x7ff) - 1023
  const step = 2 ** exponent / perOctave
  const lo = Math.floor(x / step) * step
  return [lo, lo + step]
}

function gridGroups(h: Histogram, perOctave: number): Bucket[] {
  const groups: Bucket[] = []
  for (const bucket of histogramBuckets(h)) {
    const last = groups[groups.length - 1]
    if (last !== undefined && bucket.lo < last.hi) {
      last.hi = Math.max(last.hi, bucket.hi)
      last.count += bucket.count
      continue
    }
    // Below 2^lowestExponent buckets are linear and can be wider than a grid cell: a group
    // then grows to its bucket's end, and the next one starts there.
    const [cellLo, cellHi] = bucket.lo === 0 ? [0, bucket.hi] : gridCell(bucket.lo, perOctave)
    groups.push({ lo: Math.max(cellLo, last?.hi ?? 0), hi: Math.max(cellHi, bucket.hi), count: bucket.count })
  }
  return groups
}

function withEmptyCells(groups: Bucket[], perOctave: number): Bucket[] {
  const rows: Bucket[] = []
  for (const group of groups) {
    const previous = rows[rows.length - 1]
    for (let x = previous?.hi ?? group.lo; x < group.lo; ) {
      const hi = Math.min(gridCell(x, perOctave)[1], group.lo)
      rows.push({ lo: x, hi, count: 0 })
      x = hi
    }
    rows.push(group)
  }
  return rows
}
