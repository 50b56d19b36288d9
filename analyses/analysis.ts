// The shape every analysis has (DESIGN.md, "mergeable accumulators"): it folds segments of the
// input into an accumulator, accumulators of consecutive segments merge (associatively: `a`
// always comes before `b` in time), and `finish` turns the last one into a result.
// Accumulators are plain data so they cross worker threads by structured clone.
import type { InputDamage } from '../parsers/parser.js'
import type { TableName } from '../tables/schema.js'
import type { Segment } from './segment.js'

/** What the runner knows about the whole input, for `finish` to say what was covered. */
export interface Coverage {
  start_ns: number | null
  end_ns: number | null
  events: number
  lost_events: number
  lost_records: number
  /** lost records whose time falls in the window the analysis used (all of them when unknown) */
  lost_in_window: number
  /** the dataset was kept from an input damaged here: its events after the damage are missing */
  input_damage?: InputDamage
}

export interface RecordHint {
  /** events the analysis reads, as the tools name them */
  events: string[]
  /** commands that record them */
  record: string[]
}

export interface Analysis<Params, Acc, Result> {
  readonly name: string
  readonly description: string
  /** tables it reads; a segment without any of them still goes through `add` */
  readonly tables: readonly TableName[]
  /** which events it needs and how to record them, said when the trace has none */
  needs(params: Params): RecordHint
  init(params: Params): Acc
  add(acc: Acc, segment: Segment, params: Params): Acc
  merge(a: Acc, b: Acc, params: Params): Acc
  /** null when the trace had none of the events the analysis needs */
  finish(acc: Acc, params: Params, coverage: Coverage): Result | null
  /** parameters that only the whole input can complete, by a first pass over it */
  readonly prepare?: PreparePass<Params>
}

/**
 * A first pass over the input (fairness's busiest CPU): when `needed`, the runner runs `pass`
 * over the whole input, then `apply` folds its result into the analysis's parameters.
 */
export interface PreparePass<Params> {
  readonly pass: AnyAnalysis
  needed(params: Params): boolean
  apply(params: Params, passResult: unknown): Params
}

// Analyses are held in registries of mixed parameter and result types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAnalysis = Analysis<any, any, any>
