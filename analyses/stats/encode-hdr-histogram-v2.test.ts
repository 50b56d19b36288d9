import * as hdr from 'hdr-histogram-js'
import { describe, expect, it } from 'vitest'
import { createHistogram } from './create-histogram.js'
import { encodeHdrHistogramV2 } from './encode-hdr-histogram-v2.js'
import { histogramRelativeError } from './histogram-relative-error.js'
import { recordValues } from './record-values.js'
import { samples, type SampleShape } from './test-samples.js'

// HdrHistogram's percentile is nearest-rank: the ceil(p n)-th smallest value, reported as
// the highest value equivalent to it in its bucket. (p / 100) n is nudged down so that float
// noise (99.9 / 100 * 2e5 = 199800.00000000003) does not skip a rank, as HdrHistogram does.
function nearestRank(sorted: Float64Array, percentile: number): number {
  const rank = Math.ceil((percentile / 100) * sorted.length * (1 - 1e-12))
  return sorted[Math.max(1, rank) - 1]!
}

describe('encodeHdrHistogramV2', () => {
  const shapes: SampleShape[] = ['integerNs', 'lognormal', 'pareto', 'outliers', 'exponential']
  for (const shape of shapes) {
    for (const subBucketBits of [7, 9, 12]) {
      it(`decodes with hdr-histogram-js to the same count, min, max and percentiles (${shape}, ${subBucketBits} bits)`, () => {
        const values = samples(shape, 200_000, 13).map(Math.round)
        const ours = recordValues(createHistogram({ subBucketBits }), values)
        const decoded = hdr.decodeFromCompressedBase64(encodeHdrHistogramV2(ours))
        const sorted = Float64Array.from(values).sort()
        // HdrHistogram's own bucket width at the digits it was given, plus 1 ns of rounding
        const hdrError = 2 ** -(Math.ceil(Math.log2(2 * 10 ** decoded.numberOfSignificantValueDigits)) - 1)
        const tolerance = (exact: number) => exact * (histogramRelativeError(ours) + hdrError) + 1
        expect(decoded.totalCount).toBe(values.length)
        expect(Math.abs(decoded.minNonZeroValue - sorted.find((v) => v > 0)!)).toBeLessThanOrEqual(tolerance(sorted.find((v) => v > 0)!))
        expect(Math.abs(decoded.maxValue - sorted[sorted.length - 1]!)).toBeLessThanOrEqual(tolerance(sorted[sorted.length - 1]!))
        for (const p of [1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100]) {
          const exact = nearestRank(sorted, p)
          expect(Math.abs(decoded.getValueAtPercentile(p) - exact), `p${p}`).toBeLessThanOrEqual(tolerance(exact))
        }
        expect(Math.abs(decoded.mean / (values.reduce((a, b) => a + b, 0) / values.length) - 1)).toBeLessThan(0.002)
      })
    }
  }

  it('encodes one value and an empty histogram', () => {
    const one = hdr.decodeFromCompressedBase64(encodeHdrHistogramV2(recordValues(createHistogram(), Float64Array.of(1234))))
    expect(one.totalCount).toBe(1)
    expect(one.getValueAtPercentile(50)).toBe(1234)
    const empty = hdr.decodeFromCompressedBase64(encodeHdrHistogramV2(createHistogram()))
    expect(empty.totalCount).toBe(0)
  })

  it('writes the V2 compressed cookie and a zlib stream, as HdrHistogram does', () => {
    const bytes = Buffer.from(encodeHdrHistogramV2(recordValues(createHistogram(), Float64Array.of(1, 2, 3))), 'base64')
    expect(bytes.readUInt32BE(0)).toBe(0x1c849314)
    expect(bytes.readInt32BE(4)).toBe(bytes.length - 8)
    expect(bytes[8]).toBe(0x78) // zlib header (deflate, 32K window)
  })
})
