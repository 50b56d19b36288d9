// The analyses `exotrace analyze` knows, by name.
import type { AnyAnalysis } from '../../analyses/analysis.js'
import { bucketHistogramAnalysis } from '../../analyses/bucket-histogram/bucket-histogram-analysis.js'
import { edfAnalysis } from '../../analyses/edf/edf-analysis.js'
import { fragmentationAnalysis } from '../../analyses/fragmentation/fragmentation-analysis.js'
import { foldAnalysis } from '../../analyses/fold/fold-analysis.js'
import { offCpuAnalysis } from '../../analyses/offcpu/offcpu-analysis.js'
import { tailWindowsAnalysis } from '../../analyses/fold/tail-windows.js'
import { fairnessAnalysis } from '../../analyses/fairness/fairness-analysis.js'
import { schedLatencyAnalysis } from '../../analyses/sched-latency/sched-latency-analysis.js'
import { spansAnalysis } from '../../analyses/spans/spans-analysis.js'
import { syscallLatencyAnalysis } from '../../analyses/syscall-latency/syscall-latency-analysis.js'
import { UsageError } from '../errors.js'

export const ANALYSES: readonly AnyAnalysis[] = [spansAnalysis, schedLatencyAnalysis, syscallLatencyAnalysis, edfAnalysis, foldAnalysis, offCpuAnalysis, tailWindowsAnalysis, bucketHistogramAnalysis, fairnessAnalysis, fragmentationAnalysis]

/** What a worker may be asked to run: the analyses and their first passes. */
const RUNNABLE: readonly AnyAnalysis[] = ANALYSES.flatMap((a) => (a.prepare ? [a, a.prepare.pass] : [a]))

export function analysisByName(name: string): AnyAnalysis {
  const a = RUNNABLE.find((x) => x.name === name)
  if (a === undefined) throw new UsageError(`unknown analysis '${name}'; known: ${ANALYSES.map((x) => x.name).join(', ')}`)
  return a
}
