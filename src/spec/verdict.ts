// The verdict on one check, decided at 95% confidence from the measured statistic's
// distribution-free confidence interval: a verdict is pass or fail only when the whole
// interval lies on one side of the threshold.

import type { InputDamage } from '../../parsers/parser.js'
import { samplesNeededForQuantileCI } from '../../analyses/stats/samples-needed-for-quantile-ci.js'
import type { Check, Condition, Measure, Target } from './types.js'
import { damageText } from '../report/damage-text.js'
import { formatQuantity, type Op } from './units.js'

/**
 * A measured statistic in the target's base unit, with its 95% confidence bounds; an open
 * bound (a quantile from too few samples) is -Infinity / Infinity.
 */
export interface Interval {
  low: number
  estimate: number
  high: number
  /** Samples the statistic was computed from. */
  n: number
}

export interface VerdictInput {
  /** Absent when the analysis produced nothing for this selector. */
  statistic?: Interval
  /** Events the check needs that the trace does not contain. */
  missingEvents?: string[]
  /** Measured values of the check's conditions, by condition name, in base units. */
  conditions?: Record<string, number>
  /** Events the tracer reported lost inside the analysed window. */
  lostEvents?: number
  /** The dataset was kept from an input damaged here (events after it are missing). */
  inputDamage?: InputDamage
}

export type VerdictStatus = 'pass' | 'fail' | 'inconclusive' | 'not-measured'

export interface Verdict {
  status: VerdictStatus
  reason: string
  /** How the figure was measured (analysis, selector, statistic), for every report line. */
  how: string
  measured?: Interval
  /** The target after the tolerance relaxed it, in base units. */
  threshold?: number
  /** For an inconclusive verdict: about how many more samples would decide it. */
  moreSamples?: number
  warnings: string[]
}

const QUANTILE: Record<string, number> = { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99, p999: 0.999 }

function holds(value: number, op: Op | '!=', threshold: number): boolean {
  switch (op) {
    case '<': return value < threshold
    case '<=': return value <= threshold
    case '>': return value > threshold
    case '>=': return value >= threshold
    case '!=': return value !== threshold
  }
}

const upward = (op: Op) => op === '<' || op === '<='

/** The target moved by the tolerance in the lenient direction. */
function thresholdOf(check: Check): number {
  const tolerance = check.tolerance?.valueBase ?? 0
  return upward(check.target.op) ? check.target.valueBase + tolerance : check.target.valueBase - tolerance
}

function describeTarget(target: Target, threshold: number): string {
  const text = `${target.op} ${formatQuantity(target.valueBase, target.kind)}`
  return threshold === target.valueBase ? text : `${text} (${target.op} ${formatQuantity(threshold, target.kind)} with the tolerance)`
}

export function describeMeasure(measure: Measure): string {
  const s = measure.selector
  const parts: string[] = []
  if (s.span) parts.push(`span ${s.span}${s.function ? ` of ${s.function.join('|')}` : ''}`)
  if (s.begin) parts.push(`span ${s.begin} → ${s.end!.join('|')}${s.key ? ` by ${s.key.join(',')}` : ''}`)
  if (s.syscall) parts.push(`syscall ${s.syscall.join('|')}`)
  if (s.events) parts.push(`events ${s.events.join('|')}`)
  if (s.tasks) parts.push(`tasks ${s.tasks.join(',')}`)
  if (s.cpuRelation) parts.push(`${s.cpuRelation} CPU`)
  const metric = measure.metric ? ` ${measure.metric}` : ''
  return `${measure.statistic}${metric} from ${measure.analysis}${parts.length ? ` (${parts.join('; ')})` : ''}`
}

/**
 * Samples needed for the interval to clear the threshold, assuming its half-width shrinks
 * as 1/sqrt(n). A quantile whose interval has an open bound has too few samples for a
 * distribution-free interval to exist yet: it needs samplesNeededForQuantileCI first.
 */
function samplesToDecide(statistic: string, value: Interval, op: Op, threshold: number): number | undefined {
  const q = QUANTILE[statistic]
  if (!Number.isFinite(value.low) || !Number.isFinite(value.high)) {
    return q === undefined ? undefined : Math.max(1, samplesNeededForQuantileCI(q) - value.n)
  }
  const margin = Math.abs(value.estimate - threshold)
  if (margin === 0) return undefined
  const towardHigh = upward(op) === holds(value.estimate, op, threshold)
  const halfWidth = towardHigh ? value.high - value.estimate : value.estimate - value.low
  return Math.max(1, Math.ceil(value.n * (halfWidth / margin) ** 2) - value.n)
}

function conditionProblem(conditions: Condition[], measured: Record<string, number> | undefined): string | undefined {
  for (const c of conditions) {
    const wanted = `${c.name} ${c.op} ${formatQuantity(c.valueBase, c.kind)}`
    const value = measured?.[c.name]
    if (value === undefined) return `the condition ${wanted} was not measured`
    if (!holds(value, c.op, c.valueBase)) {
      return `the measured ${c.name} ${formatQuantity(value, c.kind)} does not meet the condition ${wanted}`
    }
  }
  return undefined
}

/** Judges one check (a criterion or its `success` check) against what the trace gave. */
export function judgeCheck(check: Check, input: VerdictInput): Verdict {
  if (!check.measurable) {
    return { status: 'not-measured', reason: `${check.reason}. To measure it: ${check.howToMeasure}`, how: 'not measurable from a trace', warnings: [] }
  }
  const { measure, target } = check
  const how = describeMeasure(measure)
  const warnings: string[] = []
  if (input.lostEvents) {
    warnings.push(`${input.lostEvents} events were lost in the analysed window: spans or jobs that lost an event are missing, so the figure may be biased`)
  }
  if (input.inputDamage) {
    warnings.push(`the input was ${damageText(input.inputDamage)}: the figure covers only the events read before the damage`)
  }
  if (input.missingEvents?.length) {
    const reason = `the trace lacks ${input.missingEvents.join(', ')}; record with: ${measure.record}`
    return { status: 'not-measured', reason, how, warnings }
  }
  const value = input.statistic
  if (!value || value.n === 0) {
    const reason = `no samples matched ${how}; it needs ${measure.needsEvents.join(', ')}, recorded with: ${measure.record}`
    return { status: 'not-measured', reason, how, warnings }
  }

  const threshold = thresholdOf(check)
  const wanted = describeTarget(target, threshold)
  const fmt = (v: number) => formatQuantity(v, target.kind)
  const figure = `${measure.statistic} ${fmt(value.estimate)} (95% CI ${fmt(value.low)} – ${fmt(value.high)}, n = ${value.n})`
  const verdict = (status: VerdictStatus, reason: string): Verdict => ({ status, reason, how, measured: value, threshold, warnings })

  const problem = conditionProblem(measure.conditions, input.conditions)
  if (problem) return verdict('inconclusive', `${figure}, but ${problem}`)

  // Pass needs the bound on the far side inside the target, fail the near side outside it.
  const passBound = upward(target.op) ? value.high : value.low
  const failBound = upward(target.op) ? value.low : value.high
  if (holds(passBound, target.op, threshold)) return verdict('pass', `${figure} meets ${wanted}`)
  if (!holds(failBound, target.op, threshold)) return verdict('fail', `${figure} misses ${wanted}`)

  const more = samplesToDecide(measure.statistic, value, target.op, threshold)
  const result = verdict('inconclusive', `${figure} straddles ${wanted}; ${more === undefined
    ? 'the estimate sits on the threshold, so more samples of the same run will not decide it'
    : `about ${more} more samples would decide it`}`)
  if (more !== undefined) result.moreSamples = more
  return result
}
