// The result of `exotrace check`, as `--json` writes it and `compare` reads it back.
import type { HistogramJSON } from '../../analyses/stats/histogram-to-json.js'
import type { Baseline } from '../spec/types.js'
import type { Verdict, VerdictStatus } from '../spec/verdict.js'
import type { FigureSource } from './figure-source.js'
import type { Timeline } from './timelines.js'

export interface CheckedTarget {
  title: string
  /** as the spec wrote it: "< 10 us" */
  text: string
  op: string
  /** in base units, after the tolerance */
  threshold: number
  kind: string
}

export interface CheckOutcome {
  target: CheckedTarget
  verdict: Verdict
  /** the input the figure was measured on */
  input?: string
  figure?: FigureSource
  distribution?: HistogramJSON
}

export interface CriterionOutcome {
  id: string
  section: string
  title: string
  status: VerdictStatus
  main: CheckOutcome
  success?: CheckOutcome
  baseline?: Baseline
}

export interface InputOutcome {
  input: string
  format: string
  start_ns: number | null
  end_ns: number | null
  events: number
  cpus: number
  lost_events: number
  /** analyses computed in the one pass over this input (some several times, with other parameters) */
  analyses: string[]
}

export interface CheckResult {
  kind: 'exotrace-check'
  version: 1
  spec: { file: string; name: string; source?: string }
  inputs: InputOutcome[]
  confidence: number
  criteria: CriterionOutcome[]
  totals: Record<VerdictStatus, number>
  /** fairness and fragmentation over time, for the HTML report */
  timelines: Timeline[]
}

export const STATUSES: readonly VerdictStatus[] = ['pass', 'fail', 'inconclusive', 'not-measured']
