// `exotrace fold` as a library function: one streaming pass over a trace or dataset with the
// fold analysis on the worker pool; memory grows with the distinct stacks, not the input.
import type { FoldParams } from '../../analyses/fold/fold-analysis.js'
import type { FoldedStacks, FoldOptions } from '../../analyses/fold/fold-stacks.js'
import type { TailWindowsParams } from '../../analyses/fold/tail-windows.js'
import type { SpansResult } from '../../analyses/spans/spans-analysis.js'
import { runAnalyses } from '../analyze/run-analyses.js'
import { InputError, UsageError } from '../errors.js'
import type { TailCriterion, TailPercentile } from './tail-criterion.js'
import type { ReadOptions } from '../ingest/read-trace.js'

export interface FoldTraceOptions extends FoldOptions {
  /** off-CPU stacks: sched_switch call chains weighed by the ns until the task ran again */
  offcpu?: boolean
  /** only the samples inside the slowest spans (`wakeup`, `wakeup:p99.9`, `wakeup>2ms`) */
  tail?: TailCriterion
}

export interface TailWindows {
  span: string
  /** spans at least this long were kept */
  thresholdNs: number
  /** how the threshold was chosen: a percentile of the span's distribution, or given */
  percentile: TailPercentile | null
  /** spans in the tail, and all spans paired */
  windows: number
  spans: number | null
}

export interface FoldRun {
  format: string
  folded: FoldedStacks
  tail: TailWindows | null
}

/** Folded stacks of every sample with a callchain (perf, bpftrace stack maps, ftrace `<stack trace>`). */
export async function foldTrace(input: string, options: FoldTraceOptions = {}, read: ReadOptions = {}): Promise<FoldRun> {
  const { offcpu, tail: criterion, ...fold } = options
  if (criterion !== undefined && offcpu) throw new UsageError('--tail and --offcpu do not combine: --tail keeps the samples inside the slowest spans')
  if (criterion !== undefined && input === '-') throw new UsageError('--tail reads the input two or three times: give a file or dataset, not stdin')
  const tail = criterion === undefined ? null : await tailWindows(input, criterion, read)
  if (tail !== null && tail.info.windows === 0) {
    throw new InputError(input, null, `${tail.info.span} spans of at least ${(tail.info.thresholdNs / 1e6).toFixed(3)} ms (--tail)`,
      tail.info.spans === null ? 'none: no span that long, or none of its events' : `none among ${tail.info.spans} spans`)
  }
  const params: FoldParams = tail === null ? fold : { ...fold, windowsNs: tail.windowsNs }
  const run = await runAnalyses(input, [offcpu ? { name: 'offcpu', params: fold } : { name: 'fold', params }], read)
  const out = run.outputs[0]
  if (out.result === null) {
    throw new InputError(input, null, `${out.needs.events.join(', ')}; record them with: ${out.needs.record.join(' | ')}`,
      `${run.format} trace with ${run.summary.events} events and no stacks`)
  }
  return { format: run.format, folded: out.result as FoldedStacks, tail: tail === null ? null : tail.info }
}

/** First pass: the span's distribution (unless the threshold is given); second: the windows of the spans above it. */
async function tailWindows(input: string, criterion: TailCriterion, read: ReadOptions): Promise<{ windowsNs: number[]; info: TailWindows }> {
  let thresholdNs: number
  let spans: number | null = null
  if ('thresholdNs' in criterion) thresholdNs = criterion.thresholdNs
  else {
    const run = await runAnalyses(input, [{ name: 'spans', params: { span: criterion.span } }], read)
    const result = run.outputs[0].result as SpansResult | null
    if (result === null) {
      throw new InputError(input, null, `the events of the ${criterion.span} span (--tail): ${run.outputs[0].needs.events.join(', ')}`, `${run.format} trace without them`)
    }
    thresholdNs = result.distribution[`${criterion.percentile}_ns`] ?? Infinity
    spans = result.spans
  }
  const params: TailWindowsParams = { span: criterion.span, thresholdNs }
  const run = await runAnalyses(input, [{ name: 'tail-windows', params }], read)
  const windowsNs = run.outputs[0].result as number[]
  const percentile = 'percentile' in criterion ? criterion.percentile : null
  return { windowsNs, info: { span: criterion.span, thresholdNs, percentile, windows: windowsNs.length / 2, spans } }
}

/** What stackcollapse-perf.pl says on stderr about the same input, in exotrace's words. */
export function foldWarnings(folded: FoldedStacks, tail: TailWindows | null = null): string[] {
  const warnings: string[] = []
  if (tail !== null) {
    const of = tail.spans === null ? '' : ` of ${tail.spans}`
    const how = tail.percentile === null ? 'given' : `its ${tail.percentile}, within the histogram's relative error`
    warnings.push(`--tail ${tail.span}: samples inside the ${tail.windows}${of} spans of at least ${(tail.thresholdNs / 1e6).toFixed(3)} ms (${how}) only`)
  }
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
