// A figure of a distribution: quantiles with their distribution-free interval, the mean with
// a normal-approximation interval, min/max/count as observed in this run.
import { histogramFromJSON } from '../../analyses/stats/histogram-from-json.js'
import { histogramToJSON, type HistogramJSON } from '../../analyses/stats/histogram-to-json.js'
import type { LogLinearHistogram } from '../../analyses/stats/histogram-types.js'
import { mergeHistograms } from '../../analyses/stats/merge-histograms.js'
import type { Reading } from './measurer.js'
import { exactFigure, QUANTILES } from './figure-source.js'

export const DISTRIBUTION_STATISTICS = [...Object.keys(QUANTILES), 'min', 'max', 'mean', 'count'] as const

/** The union of several reported distributions (e.g. of the syscalls a selector lists). */
export function mergedHistogram(histograms: HistogramJSON[]): LogLinearHistogram | undefined {
  const hs = histograms.map((j) => histogramFromJSON(j)).filter((h): h is LogLinearHistogram => h.kind === 'logLinear')
  return hs.length === 0 ? undefined : hs.reduce((a, b) => mergeHistograms(a, b))
}

export function distributionReading(h: LogLinearHistogram | undefined, statistic: string): Reading {
  if (h === undefined || h.count === 0) return {}
  const distribution = histogramToJSON(h)
  const q = QUANTILES[statistic]
  if (q !== undefined) return { figure: { kind: 'quantile', q, histogram: distribution }, distribution }
  switch (statistic) {
    case 'mean': return { figure: { kind: 'mean', histogram: distribution }, distribution }
    // The observed extreme of this run: the worst case the run showed, not a population bound.
    case 'min': return { figure: exactFigure(h.min, h.count), distribution }
    case 'max': return { figure: exactFigure(h.max, h.count), distribution }
    case 'count': return { figure: exactFigure(h.count, h.count), distribution }
  }
  throw new Error(`internal: ${statistic} is not a distribution statistic`)
}
