// Figures over time for the HTML report: fairness and fragmentation, read from their results
// by convention (`over_time`: [t_ns, value] pairs, with `over_time_label` naming the value).
// When a result has none, the report says why rather than drawing nothing.
import { ANALYSES } from '../analyze/analysis-registry.js'
import type { AnalysisRequest } from '../analyze/analyze-segment.js'

export interface Timeline {
  analysis: string
  label: string
  points: [number, number][]
  /** why there are no points */
  reason?: string
}

export const TIMELINE_ANALYSES = ['fairness', 'fragmentation'] as const

export function timelinesOf(requests: AnalysisRequest[], results: unknown[][]): Timeline[] {
  return TIMELINE_ANALYSES.map((analysis) => {
    const empty = (reason: string): Timeline => ({ analysis, label: '', points: [], reason })
    if (!ANALYSES.some((a) => a.name === analysis)) return empty(`this exotrace has no ${analysis} analysis yet`)
    const indices = requests.flatMap((r, i) => (r.name === analysis ? [i] : []))
    if (indices.length === 0) return empty(`no criterion of the spec measured ${analysis} on these inputs`)
    for (const perInput of results) {
      for (const i of indices) {
        const r = perInput[i] as { over_time?: unknown; over_time_label?: unknown } | null
        if (r && Array.isArray(r.over_time) && r.over_time.length > 0) {
          return { analysis, label: typeof r.over_time_label === 'string' ? r.over_time_label : analysis, points: r.over_time as [number, number][] }
        }
      }
    }
    return empty(`the ${analysis} analysis gave no figures over time for these inputs (its events are absent, or its result has no over_time series)`)
  })
}
