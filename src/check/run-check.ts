// `exotrace check` as a library function: plan every criterion's measure, run all the
// analyses they need in one pass per input on the worker pool, then judge each criterion.
import { runAnalyses, type AnalyzeRun } from '../analyze/run-analyses.js'
import type { AnalysisRequest } from '../analyze/analyze-segment.js'
import type { ReadOptions } from '../ingest/read-trace.js'
import { loadSpec } from '../spec/load-spec.js'
import { worseStatus } from '../spec/judge-criterion.js'
import type { Check, Criterion, Spec } from '../spec/types.js'
import { describeMeasure, judgeCheck, type Verdict } from '../spec/verdict.js'
import { STATUSES, type CheckOutcome, type CheckResult, type CheckedTarget, type CriterionOutcome } from './check-result.js'
import { intervalOf } from './figure-source.js'
import type { MeasurePlan, RunView } from './measurer.js'
import { planMeasure, type PlanOptions } from './plan-measure.js'
import { missingEvents } from './missing-events.js'
import { timelinesOf } from './timelines.js'

export interface CheckOptions extends ReadOptions, PlanOptions {
  /** measured values of conditions no trace gives (ram_used), in base units */
  conditions?: Record<string, number>
}

interface Pass {
  run: AnalyzeRun
  view: RunView
  results: Map<string, unknown>
}

const requestKey = (r: AnalysisRequest): string => JSON.stringify([r.name, r.params])

function targetOf(check: Check, threshold: number | undefined): CheckedTarget {
  const t = check.target
  const tolerance = check.tolerance ? ` ± ${check.tolerance.value} ${check.tolerance.unit}` : ''
  return { title: check.title, text: `${t.op} ${t.value} ${t.unit}${tolerance}`, op: t.op, threshold: threshold ?? t.valueBase, kind: t.kind }
}

function judge(check: Check, plan: MeasurePlan | undefined, passes: Pass[], options: CheckOptions): CheckOutcome {
  if (!check.measurable || plan === undefined) {
    const verdict = judgeCheck(check, {})
    return { target: targetOf(check, verdict.threshold), verdict }
  }
  const m = check.measure
  // Measure on the input holding most of the events the check needs (several inputs may
  // each hold part of a run: a sched trace and a syscall trace).
  const ranked = passes.map((p) => ({ p, missing: missingEvents(m.needsEvents, p.run.summary) }))
    .sort((a, b) => a.missing.length - b.missing.length)
  const { p, missing } = ranked[0]
  if (missing.length > 0) {
    const verdict = judgeCheck(check, { missingEvents: missing, lostEvents: p.run.coverage.lost_events, inputDamage: p.run.coverage.input_damage })
    verdict.reason += ' (an event absent from the trace was either not recorded or never fired)'
    return { target: targetOf(check, verdict.threshold), verdict, input: p.view.input }
  }
  if (!plan.ok) {
    const verdict: Verdict = { status: 'not-measured', reason: plan.reason, how: describeMeasure(m), warnings: [] }
    return { target: targetOf(check, undefined), verdict, input: p.view.input }
  }
  const result = plan.request ? p.results.get(requestKey(plan.request)) : undefined
  const reading = plan.request && (result === null || result === undefined) ? {} : plan.read(result, p.view)
  const conditions = {
    duration: p.view.windowNs,
    cpus: p.run.summary.cpus.length,
    ...reading.conditions,
    ...options.conditions,
  }
  const statistic = reading.figure ? intervalOf(reading.figure) : undefined
  const verdict = judgeCheck(check, { statistic, conditions, lostEvents: lostInWindow(result, p.run.coverage.lost_events),
    inputDamage: p.run.coverage.input_damage })
  return { target: targetOf(check, verdict.threshold), verdict, input: p.view.input, figure: reading.figure, distribution: reading.distribution }
}

/**
 * Events lost inside the window the analysis used, when its result says (analyses that
 * measure between their first and last event: edf, fairness, fragmentation); else every
 * lost event of the trace, the window being the whole trace.
 */
function lostInWindow(result: unknown, wholeTrace: number): number {
  const inWindow = (result as { coverage?: { lost_events_in_window?: unknown } } | null)?.coverage?.lost_events_in_window
  return typeof inWindow === 'number' ? inWindow : wholeTrace
}

function viewOf(input: string, run: AnalyzeRun): RunView {
  const { start_ns: start, end_ns: end } = run.summary
  return { input, format: run.format, summary: run.summary, coverage: run.coverage, windowNs: start === null || end === null ? 0 : Math.max(1, end - start) }
}

export async function check(inputs: string[], specOrFile: Spec | string, options: CheckOptions = {}): Promise<CheckResult> {
  const spec = typeof specOrFile === 'string' ? await loadSpec(specOrFile) : specOrFile
  const plans = new Map<Check, MeasurePlan>()
  const checksOf = (c: Criterion): Check[] => (c.success ? [c, c.success] : [c])
  for (const c of spec.criteria) {
    for (const k of checksOf(c)) if (k.measurable) plans.set(k, planMeasure(k.measure, options))
  }
  const requests = new Map<string, AnalysisRequest>()
  for (const plan of plans.values()) if (plan.ok && plan.request) requests.set(requestKey(plan.request), plan.request)
  const wanted = [...requests.values()]

  const passes: Pass[] = []
  // onProgress counts bytes over all the inputs, one after the other.
  let before = 0
  for (const input of inputs) {
    let read = 0
    const onProgress = (bytes: number): void => {
      read = bytes
      options.onProgress?.(before + bytes)
    }
    const run = await runAnalyses(input, wanted, { ...options, onProgress })
    before += read
    const results = new Map(run.outputs.map((o, i) => [requestKey(wanted[i]), o.result]))
    passes.push({ run, view: viewOf(input, run), results })
  }

  const criteria: CriterionOutcome[] = spec.criteria.map((c) => {
    const main = judge(c, plans.get(c), passes, options)
    const success = c.success ? judge(c.success, plans.get(c.success), passes, options) : undefined
    const status = success ? worseStatus(main.verdict.status, success.verdict.status) : main.verdict.status
    return { id: c.id, section: c.section, title: c.title, status, main, ...(success ? { success } : {}), ...(c.baseline ? { baseline: c.baseline } : {}) }
  })
  const totals = Object.fromEntries(STATUSES.map((s) => [s, criteria.filter((c) => c.status === s).length])) as CheckResult['totals']
  return {
    kind: 'exotrace-check', version: 1,
    spec: { file: spec.file, name: spec.name, ...(spec.source ? { source: spec.source } : {}) },
    inputs: passes.map(({ run, view }) => ({
      input: view.input, format: run.format, start_ns: run.summary.start_ns, end_ns: run.summary.end_ns, events: run.summary.events,
      cpus: run.summary.cpus.length, lost_events: run.summary.lost.events, analyses: [...new Set(wanted.map((r) => r.name))],
    })),
    confidence: 0.95,
    criteria,
    totals,
    timelines: timelinesOf(wanted, passes.map((p) => p.run.outputs.map((o) => o.result))),
  }
}
