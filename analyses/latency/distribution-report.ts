// How every latency distribution is reported: exact count/min/max/mean/stddev, percentiles
// within the histogram's relative error, distribution-free 95% intervals for p50 and p99, and
// the histogram itself (JSON, and HdrHistogram V2 for other HdrHistogram tools).
import { encodeHdrHistogramV2 } from '../stats/encode-hdr-histogram-v2.js'
import { histogramSummary } from '../stats/histogram-summary.js'
import { histogramToJSON, type HistogramJSON } from '../stats/histogram-to-json.js'
import type { LogLinearHistogram } from '../stats/histogram-types.js'
import { quantileIntervalFromHistogram } from '../stats/quantile-interval-from-histogram.js'
import { samplesNeededForQuantileCI } from '../stats/samples-needed-for-quantile-ci.js'

export interface ConfidenceInterval {
  low_ns: number
  estimate_ns: number | null
  high_ns: number
  confidence: number
}

export interface DistributionReport {
  count: number
  min_ns: number | null
  max_ns: number | null
  mean_ns: number | null
  stddev_ns: number | null
  p50_ns: number | null
  p90_ns: number | null
  p99_ns: number | null
  p999_ns: number | null
  p9999_ns: number | null
  /** largest relative error of a reported percentile, in % */
  relative_error_pct: number
  /** 95% distribution-free intervals; null with fewer samples than `samples_needed` */
  ci95: { p50: ConfidenceInterval | null; p99: ConfidenceInterval | null }
  samples_needed: { p50: number; p99: number }
  histogram: HistogramJSON
  hdr_histogram_v2: string
}

const nullIfNaN = (x: number): number | null => (Number.isFinite(x) ? x : null)

function interval(h: LogLinearHistogram, q: number): ConfidenceInterval | null {
  const ci = quantileIntervalFromHistogram(h, q, 0.95)
  return ci === null ? null : { low_ns: ci.low, estimate_ns: ci.estimate, high_ns: ci.high, confidence: ci.coverage }
}

export function distributionReport(h: LogLinearHistogram): DistributionReport {
  const s = histogramSummary(h)
  return {
    count: s.count,
    min_ns: nullIfNaN(s.min), max_ns: nullIfNaN(s.max), mean_ns: nullIfNaN(s.mean), stddev_ns: nullIfNaN(s.stddev),
    p50_ns: nullIfNaN(s.p50), p90_ns: nullIfNaN(s.p90), p99_ns: nullIfNaN(s.p99), p999_ns: nullIfNaN(s.p999), p9999_ns: nullIfNaN(s.p9999),
    relative_error_pct: s.relativeError * 100,
    ci95: { p50: interval(h, 0.5), p99: interval(h, 0.99) },
    samples_needed: { p50: samplesNeededForQuantileCI(0.5, 0.95), p99: samplesNeededForQuantileCI(0.99, 0.95) },
    histogram: histogramToJSON(h),
    hdr_histogram_v2: h.count > 0 ? encodeHdrHistogramV2(h) : '',
  }
}
