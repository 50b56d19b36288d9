// `exotrace fold` as a library function: one streaming pass over a trace or dataset with the
// fold analysis on the worker pool; memory grows with the distinct stacks, not the input.
import type { FoldedStacks, FoldOptions } from '../../analyses/fold/fold-stacks.js'
import { runAnalyses } from '../analyze/run-analyses.js'
import { InputError } from '../errors.js'
import type { ReadOptions } from '../ingest/read-trace.js'

export interface FoldTraceOptions extends FoldOptions {
  /** off-CPU stacks: sched_switch call chains weighed by the ns until the task ran again */
  offcpu?: boolean
}

export interface FoldRun {
  format: string
  folded: FoldedStacks
}

/** Folded stacks of every sample with a callchain (perf, bpftrace stack maps, ftrace `<stack trace>`). */
export async function foldTrace(input: string, options: FoldTraceOptions = {}, read: ReadOptions = {}): Promise<FoldRun> {
  const { offcpu, ...fold } = options
  const run = await runAnalyses(input, [offcpu ? { name: 'offcpu', params: fold } : { name: 'fold', params: fold }], read)
  const out = run.outputs[0]
  if (out.result === null) {
    throw new InputError(input, null, `${out.needs.events.join(', ')}; record them with: ${out.needs.record.join(' | ')}`,
      `${run.format} trace with ${run.summary.events} events and no stacks`)
  }
  return { format: run.format, folded: out.result as FoldedStacks }
}

/** What stackcollapse-perf.pl says on stderr about the same input, in exotrace's words. */
export function foldWarnings(folded: FoldedStacks): string[] {
  const warnings: string[] = []
  const skipped = Object.entries(folded.skippedEvents)
  if (skipped.length > 0) {
    const list = skipped.map(([event, n]) => `${event} (${n} samples)`).join(', ')
    warnings.push(`counted only ${folded.event} samples; left out ${list}; choose with --event-filter`)
  }
  if (folded.unrecognizedFrames > 0) {
    warnings.push(`${folded.unrecognizedFrames} callchain lines without a (dso) were left out, as stackcollapse-perf.pl leaves them out`)
  }
  return warnings
}
