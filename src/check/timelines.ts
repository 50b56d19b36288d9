// Figures over time for the HTML report: fairness and fragmentation, read from their results
// (fragmentation: its replayed free lists' `external.timeline`; any analysis: `over_time`,
// [t_ns, value] pairs, with `over_time_label` naming the value). When a result has none,
// the report says why rather than drawing nothing.
import { ANALYSES } from '../analyze/analysis-registry.js'
import type { AnalysisRequest } from '../analyze/analyze-segment.js'

export interface Timeline {
  analysis: string
  label: string
  /** what the value is, in a sentence */
  description?: string
  points: [number, number][]
  /** why there are no points */
  reason?: string
}

export const TIMELINE_ANALYSES = ['fairness', 'fragmentation'] as const

interface SeriesHolder {
  over_time?: [number, number][]
  over_time_label?: string
  external?: { timeline?: { ts_ns: number; largest_block_frag_pct: number | null }[] }
}

function seriesOf(result: unknown): Omit<Timeline, 'analysis'> | undefined {
  const r = result as SeriesHolder | null
  if (r === null || typeof r !== 'object') return undefined
  if (Array.isArray(r.over_time)) return { label: r.over_time_label ?? 'value', points: r.over_time }
  const timeline = r.external?.timeline
  if (!Array.isArray(timeline)) return undefined
  const points = timeline.filter((s) => s.largest_block_frag_pct !== null).map((s): [number, number] => [s.ts_ns, s.largest_block_frag_pct!])
  return { label: 'fragmentation %', description: 'free memory outside the largest free block, in % of free memory, from the replayed free lists', points }
}

export function timelinesOf(requests: AnalysisRequest[], results: unknown[][]): Timeline[] {
  return TIMELINE_ANALYSES.map((analysis) => {
    const empty = (reason: string): Timeline => ({ analysis, label: '', points: [], reason })
    if (!ANALYSES.some((a) => a.name === analysis)) return empty(`this exotrace has no ${analysis} analysis yet`)
    const indices = requests.flatMap((r, i) => (r.name === analysis ? [i] : []))
    if (indices.length === 0) return empty(`no criterion of the spec measured ${analysis} on these inputs`)
    for (const perInput of results) {
      for (const i of indices) {
        const found = seriesOf(perInput[i])
        if (found && found.points.length > 0) return { analysis, ...found }
      }
    }
    return empty(`the ${analysis} analysis gave no figures over time for these inputs (its events are absent, or its result has no over_time series)`)
  })
}
