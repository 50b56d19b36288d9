// Spec measures over the `fragmentation` analysis: internal fragmentation (perf kmem stat's
// figure), the allocation rate in bytes, and the unusable free-space index of the replayed
// free lists at the end of the trace. All are exact for the run: sums over every event.
import type { Measure } from '../spec/types.js'
import { exactFigure } from './figure-source.js'
import { refuse, unsupportedSelector, unsupportedStatistic, type MeasurePlan, type Reading, type RunView } from './measurer.js'

/** The fields of the fragmentation result that check reads. */
interface FragmentationResultView {
  total: { allocs: number; bytes_alloc: number; internal_frag_pct: number | null }
  external: { final: { unusable_index: number[] }; page_allocs: number }
}

function read(m: Measure, r: FragmentationResultView, run: RunView): Reading {
  const allocs = r.total.allocs
  switch (m.statistic) {
    case 'internal_frag_pct':
      return r.total.internal_frag_pct === null ? {} : { figure: exactFigure(r.total.internal_frag_pct, allocs) }
    case 'rate':
      return allocs === 0 ? {} : { figure: exactFigure((r.total.bytes_alloc * 1e9) / run.windowNs, allocs) }
    default: {
      const order = Number(m.params['order'] ?? 0)
      const index = r.external.final.unusable_index[order]
      return index === undefined || r.external.page_allocs === 0 ? {} : { figure: exactFigure(index, r.external.page_allocs) }
    }
  }
}

export function measureFragmentation(m: Measure): MeasurePlan {
  const problem = unsupportedStatistic(m, ['internal_frag_pct', 'rate', 'unusable_index']) ?? unsupportedSelector(m, [])
    ?? (m.statistic === 'rate' && m.metric !== 'bytes_alloc' ? 'fragmentation gives a rate of bytes_alloc only (metric = "bytes_alloc")' : undefined)
  if (problem) return refuse(problem)
  return { ok: true, request: { name: 'fragmentation', params: {} }, read: (result, run) => read(m, result as FragmentationResultView, run) }
}
