// The typed form of a spec file (schema: specs/README.md). Values keep both what the file
// wrote (value + unit, for reports) and the base-unit value the verdicts compare.

import type { Op, QuantityKind } from './units.js'

/** A quantity as written in the file, with its value converted to the kind's base unit. */
export interface Quantity {
  value: number
  unit: string
  valueBase: number
  kind: QuantityKind
}

export interface Target extends Quantity {
  op: Op
}

/** A named condition the measured run must satisfy for the verdict to count ("under 80% load"). */
export interface Condition extends Target {
  name: string
}

/** Analyses the checks can ask for; names as the `analyze` command takes them. */
export const ANALYSES = [
  'spans', 'sched-latency', 'syscall-latency', 'edf', 'fairness', 'fragmentation', 'lost', 'events',
] as const
export type AnalysisName = (typeof ANALYSES)[number]

/** Built-in span kinds of the `spans` analysis. */
export const BUILTIN_SPANS = ['syscall', 'irq', 'softirq', 'hrtimer', 'wakeup', 'funcgraph'] as const

/** Statistics a check can compare with its target, and the target kinds each accepts. */
export const STATISTICS = {
  p50: 'any', p90: 'any', p95: 'any', p99: 'any', p999: 'any', min: 'any', max: 'any', mean: 'any',
  count: ['count'],
  unmatched: ['count'],
  max_concurrent: ['count'],
  rate: ['rate', 'byte_rate'],
  rate_per_cpu: ['rate'],
  window_rate_min: ['rate', 'byte_rate'],
  throughput: ['byte_rate'],
  busy_pct: ['percent'],
  miss_rate_pct: ['percent'],
  cv_pct: ['percent'],
  internal_frag_pct: ['percent'],
  jain_index: ['index'],
  unusable_index: ['index'],
} as const satisfies Record<string, 'any' | readonly QuantityKind[]>
export type StatisticName = keyof typeof STATISTICS

export type Scalar = string | number | boolean
/** A field filter: equal to a value, one of a list, or compared with an operator. */
export type WhereValue = Scalar | Scalar[] | { op: Op | '!='; value: number }

/** Which events, spans or tasks a check looks at. Every field is optional; see specs/README.md. */
export interface Selector {
  span?: (typeof BUILTIN_SPANS)[number]
  begin?: string
  end?: string[]
  key?: string[]
  endKey?: string[]
  beginTsField?: string
  endTsField?: string
  where?: Record<string, WhereValue>
  beginWhere?: Record<string, WhereValue>
  endWhere?: Record<string, WhereValue>
  function?: string[]
  syscall?: string[]
  tasks?: string[]
  events?: string[]
  cpuRelation?: 'same' | 'different'
  cpuIdleState?: string
}

export interface Measure {
  analysis: AnalysisName
  /** Which of the analysis' distributions (e.g. edf: "lateness"); absent for its main one. */
  metric?: string
  selector: Selector
  statistic: StatisticName
  params: Record<string, Scalar | Scalar[]>
  conditions: Condition[]
  needsEvents: string[]
  record: string
}

interface CheckBase {
  title: string
  target: Target
  /** The seed's "±" tolerance: the target is relaxed by this much before judging. */
  tolerance?: Quantity
}

export interface MeasuredCheck extends CheckBase {
  measurable: true
  measure: Measure
}

export interface UnmeasurableCheck extends CheckBase {
  measurable: false
  reason: string
  howToMeasure: string
}

/** One target with how it is judged: a criterion's main target or its `success` check. */
export type Check = MeasuredCheck | UnmeasurableCheck

export interface Baseline {
  system: string
  text: string
  value?: number
  valueMax?: number
  unit?: string
}

export interface CriterionInfo {
  id: string
  section: string
  seedRow?: string
  seedTarget?: string
  context?: string
  workload?: string
  notes?: string
  baseline?: Baseline
  /** A second target the run must also meet (the seed's "Critère de Succès"). */
  success?: Check
}

export type Criterion = Check & CriterionInfo

export interface Spec {
  file: string
  name: string
  source?: string
  description?: string
  criteria: Criterion[]
}
