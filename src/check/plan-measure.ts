// Which measurer a spec measure goes to. Analyses are looked up in the registry at run
// time, so one registered later is measured as soon as it is there; until then its
// criteria are not-measured, saying so.
import { ANALYSES } from '../analyze/analysis-registry.js'
import type { Measure } from '../spec/types.js'
import { edfMeasurer } from './measure-edf.js'
import { measureByConvention } from './measure-by-convention.js'
import { measureFragmentation } from './measure-fragmentation.js'
import { measureSchedLatency } from './measure-sched-latency.js'
import { measureSpans } from './measure-spans.js'
import { measureSyscallLatency } from './measure-syscall-latency.js'
import { measureEvents, measureLost } from './measure-trace-summary.js'
import { refuse, type MeasurePlan, type Measurer } from './measurer.js'

export interface PlanOptions {
  /** the edf analysis' parameters (its tasks), as `analyze edf` takes them */
  edfParams?: unknown
}

/** Measures read from the trace summary: no analysis pass. */
const FROM_SUMMARY: Record<string, Measurer> = { events: measureEvents, lost: measureLost }

export function planMeasure(measure: Measure, options: PlanOptions = {}): MeasurePlan {
  const fromSummary = FROM_SUMMARY[measure.analysis]
  if (fromSummary) return fromSummary(measure)
  const analysis = ANALYSES.find((a) => a.name === measure.analysis)
  if (analysis === undefined) {
    return refuse(`this exotrace has no ${measure.analysis} analysis yet (it has ${ANALYSES.map((a) => a.name).join(', ')})`)
  }
  const known: Record<string, Measurer> = {
    spans: measureSpans, 'sched-latency': measureSchedLatency, 'syscall-latency': measureSyscallLatency, edf: edfMeasurer(options.edfParams), fragmentation: measureFragmentation,
  }
  const plan = (known[measure.analysis] ?? measureByConvention)(measure)
  if (!plan.ok || plan.request === undefined) return plan
  // Parameters the analysis refuses must not reach the workers, where they would stop the
  // whole pass: try them here on an empty segment first.
  try {
    const empty = { tables: {}, stackParents: new Int32Array(0), stackFrames: new Int32Array(0) }
    analysis.add(analysis.init(plan.request.params), empty, plan.request.params)
  } catch (e) {
    return refuse(`the ${measure.analysis} analysis refuses the parameters ${JSON.stringify(plan.request.params)}: ${e instanceof Error ? e.message : String(e)}`)
  }
  return plan
}
