// How check turns one spec `measure` into an analysis request and, once the pass is done,
// the request's result into a figure. One measurer per analysis; a measure it cannot honour
// (a selector field or statistic the analysis does not give yet) is refused at plan time
// with the reason, which becomes the criterion's not-measured verdict.
import type { Coverage } from '../../analyses/analysis.js'
import type { HistogramJSON } from '../../analyses/stats/histogram-to-json.js'
import type { SummaryJson } from '../../tables/dataset-summary.js'
import type { AnalysisRequest } from '../analyze/analyze-segment.js'
import type { Measure, Selector } from '../spec/types.js'
import type { FigureSource } from './figure-source.js'

/** What one pass over one input gave, as a measurer reads it. */
export interface RunView {
  input: string
  format: string
  summary: SummaryJson
  coverage: Coverage
  /** the analysed window: first to last event */
  windowNs: number
}

export interface Reading {
  /** absent when nothing matched the selector */
  figure?: FigureSource
  /** the distribution the figure came from, for reports and compare */
  distribution?: HistogramJSON
  /** conditions this analysis measures (edf: utilization), in base units */
  conditions?: Record<string, number>
}

export type MeasurePlan =
  | { ok: true; request?: AnalysisRequest; read(result: unknown, run: RunView): Reading }
  | { ok: false; reason: string }

export type Measurer = (measure: Measure) => MeasurePlan

export function refuse(reason: string): MeasurePlan {
  return { ok: false, reason }
}

const SELECTOR_FIELDS: Record<keyof Selector, string> = {
  span: 'span', begin: 'begin', end: 'end', key: 'key', endKey: 'end_key', beginTsField: 'begin_ts_field',
  endTsField: 'end_ts_field', where: 'where', beginWhere: 'begin_where', endWhere: 'end_where', function: 'function',
  syscall: 'syscall', tasks: 'tasks', events: 'events', cpuRelation: 'cpu_relation', cpuIdleState: 'cpu_idle_state',
}

/** The reason a selector uses a field the analysis cannot apply yet, or undefined. */
export function unsupportedSelector(measure: Measure, allowed: readonly (keyof Selector)[]): string | undefined {
  const extra = (Object.keys(measure.selector) as (keyof Selector)[]).filter((k) => !allowed.includes(k))
  if (extra.length === 0) return undefined
  return `the ${measure.analysis} analysis cannot apply selector.${extra.map((k) => SELECTOR_FIELDS[k]).join(', selector.')} yet, ` +
    'so its figure would cover other events than the criterion names'
}

export function unsupportedStatistic(measure: Measure, supported: readonly string[]): string | undefined {
  if (supported.includes(measure.statistic)) return undefined
  const metric = measure.metric ? ` (metric ${measure.metric})` : ''
  return `the ${measure.analysis} analysis${metric} does not give the statistic ${measure.statistic} yet; it gives ${supported.join(', ')}`
}
