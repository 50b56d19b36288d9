// Spec measures over the `spans` analysis: a built-in span (optionally some of its
// functions) or a custom begin -> end span paired by key.
import type { SpansParams, SpansResult } from '../../analyses/spans/spans-analysis.js'
import { globMatcher } from '../../analyses/glob-pattern.js'
import type { Measure } from '../spec/types.js'
import { DISTRIBUTION_STATISTICS, distributionReading, mergedHistogram } from './distribution-figure.js'
import { exactFigure } from './figure-source.js'
import { refuse, unsupportedSelector, unsupportedStatistic, type MeasurePlan, type Reading, type RunView } from './measurer.js'

const STATISTICS = [...DISTRIBUTION_STATISTICS, 'unmatched', 'rate', 'busy_pct']

function spansParams(m: Measure): SpansParams | string {
  const s = m.selector
  if (s.span) return { span: s.span }
  if (!s.begin || !s.end) return 'the selector names neither a built-in span nor begin and end events'
  if (s.end.length > 1) return `the spans analysis closes a custom span with one end event, the selector lists ${s.end.length}`
  const groupBy = m.params['group_by']
  return { span: 'custom', custom: { begin: s.begin, end: s.end[0], key: s.key ?? [], groupBy: typeof groupBy === 'string' ? groupBy : undefined } }
}

function read(m: Measure, r: SpansResult, run: RunView): Reading {
  const wanted = m.selector.function ? globMatcher(m.selector.function) : undefined
  const histograms = Object.entries(r.distributions).filter(([k]) => wanted === undefined || wanted(k)).map(([, d]) => d.histogram)
  const h = wanted === undefined ? mergedHistogram([r.distribution.histogram]) : mergedHistogram(histograms)
  const spans = h?.count ?? 0
  switch (m.statistic) {
    case 'unmatched': {
      // The lost-event ledger: each lost event may be the missing end of one span, so only
      // the unmatched beyond the lost count are certain drops.
      const seen = r.unmatched.begins_without_end
      const lost = run.coverage.lost_events
      const reading = { kind: 'exact', low: Math.max(0, seen - lost), value: seen, high: seen, n: spans + seen } as const
      return { figure: reading }
    }
    case 'rate':
      return spans === 0 ? {} : { figure: { kind: 'poisson', count: spans, scale: 1e9 / run.windowNs } }
    case 'busy_pct': {
      if (h === undefined || spans === 0) return {}
      const cpus = Math.max(1, run.summary.cpus.length)
      return { figure: exactFigure((100 * h.mean * h.count) / (run.windowNs * cpus), spans) }
    }
  }
  return distributionReading(h, m.statistic)
}

export function measureSpans(m: Measure): MeasurePlan {
  const problem = unsupportedStatistic(m, STATISTICS)
    ?? unsupportedSelector(m, m.selector.span ? ['span', 'function'] : ['begin', 'end', 'key'])
  if (problem) return refuse(problem)
  if (m.selector.function && m.selector.span !== 'funcgraph') return refuse('selector.function applies to the funcgraph span only')
  const params = spansParams(m)
  if (typeof params === 'string') return refuse(params)
  return { ok: true, request: { name: 'spans', params }, read: (result, run) => read(m, result as SpansResult, run) }
}
