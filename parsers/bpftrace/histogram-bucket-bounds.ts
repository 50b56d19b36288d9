// Exact bounds of one bpftrace histogram bucket, as [lo, hi) over integers.
// Text labels (hist and lhist print the same shapes):
//   (..., 0)     values below 0 (hist's negative bucket, lhist's underflow)
//   [0], [1]     a bucket holding one value (hist's first buckets)
//   [2, 4)       [lo, hi); K M G T P E are powers of 1024 (`[1K, 2K)` = [1024, 2048))
//   [200, ...)   lhist's overflow bucket
// `-f json` buckets give inclusive integer bounds: {min, max}; no min = underflow, no max = overflow.

export interface BucketBounds {
  lo: number
  hi: number
}

const SUFFIX_POWER: Record<string, number> = { '': 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 }

function labelNumber(text: string): number {
  const m = /^(-?\d+)([KMGTPE]?)$/.exec(text.trim())
  return m === null ? NaN : Number(m[1]) * 1024 ** SUFFIX_POWER[m[2]]
}

/** null when the label is none of the shapes above. */
export function textBucketBounds(label: string): BucketBounds | null {
  let m = /^\(\.\.\., (.+)\)$/.exec(label)
  if (m !== null) {
    const hi = labelNumber(m[1])
    return Number.isNaN(hi) ? null : { lo: -Infinity, hi }
  }
  m = /^\[([^,\]]+)\]$/.exec(label)
  if (m !== null) {
    const lo = labelNumber(m[1])
    return Number.isNaN(lo) ? null : { lo, hi: lo + 1 }
  }
  m = /^\[([^,]+), (.+)\)$/.exec(label)
  if (m === null) return null
  const lo = labelNumber(m[1])
  const hi = m[2] === '...' ? Infinity : labelNumber(m[2])
  return Number.isNaN(lo) || Number.isNaN(hi) ? null : { lo, hi }
}

/** null when min/max are neither numbers nor absent. */
export function jsonBucketBounds(bucket: { min?: unknown, max?: unknown }): BucketBounds | null {
  const { min, max } = bucket
  if ((min !== undefined && typeof min !== 'number') || (max !== undefined && typeof max !== 'number')) return null
  if (min === undefined && max === undefined) return null
  return { lo: min ?? -Infinity, hi: max === undefined ? Infinity : max + 1 }
}
