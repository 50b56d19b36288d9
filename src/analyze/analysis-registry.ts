// The analyses `exotrace analyze` knows, by name.
import type { AnyAnalysis } from '../../analyses/analysis.js'
import { bucketHistogramAnalysis } from '../../analyses/bucket-histogram/bucket-histogram-analysis.js'
import { edfAnalysis } from '../../analyses/edf/edf-analysis.js'
import { fragmentationAnalysis } from '../../analyses/fragmentation/fragmentation-analysis.js'
import { foldAnalysis } from '../../analyses/fold/fold-analysis.js'
import { offCpuAnalysis } from '../../analyses/offcpu/offcpu-analysis.js'
import { tailWindowsAnalysis } from '../../analyses/fold/tail-windows.js'
import { fairnessAnalysis } from '../../analyses/fairness/fairness-analysis.js'
import { fairnessSelectionPass, selectionFromParams, type FairnessSelectionParams } from '../../analyses/fairness/fairness-selection.js'
import { schedLatencyAnalysis } from '../../analyses/sched-latency/sched-latency-analysis.js'
import { spansAnalysis } from '../../analyses/spans/spans-analysis.js'
import { syscallLatencyAnalysis } from '../../analyses/syscall-latency/syscall-latency-analysis.js'
import { UsageError } from '../errors.js'

export const ANALYSES: readonly AnyAnalysis[] = [spansAnalysis, schedLatencyAnalysis, syscallLatencyAnalysis, edfAnalysis, foldAnalysis, offCpuAnalysis, tailWindowsAnalysis, bucketHistogramAnalysis, fairnessAnalysis, fragmentationAnalysis]

/**
 * Parameters that only the whole input can complete (fairness's busiest CPU): a first pass
 * over the input runs `pass`, whose result `apply` folds into the parameters of the analysis.
 */
export interface PreparePass {
  pass: AnyAnalysis
  needed(params: unknown): boolean
  apply(params: unknown, passResult: unknown): unknown
}

export const PREPARE_PASSES: Readonly<Record<string, PreparePass>> = {
  fairness: {
    pass: fairnessSelectionPass,
    needed: (p) => selectionFromParams(p as FairnessSelectionParams) === null,
    apply: (p, selection) => ({ ...(p as object), selection }),
  },
}

export function analysisByName(name: string): AnyAnalysis {
  const a = ANALYSES.find((x) => x.name === name) ?? Object.values(PREPARE_PASSES).find((x) => x.pass.name === name)?.pass
  if (a === undefined) throw new UsageError(`unknown analysis '${name}'; known: ${ANALYSES.map((x) => x.name).join(', ')}`)
  return a
}
