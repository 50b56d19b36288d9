// `--tail SPAN_OR_CRITERION`: which spans are the outliers whose time windows the fold keeps.
// `wakeup` = the slowest 1% (at or above the p99), `wakeup:p99.9` = another percentile the
// spans analysis reports, `wakeup>2ms` = at least that long.
import { BUILTIN_SPANS } from '../../analyses/spans/builtin-spans.js'
import { UsageError } from '../errors.js'
import { parseDurationNs } from '../spec/units.js'

export type TailPercentile = 'p90' | 'p99' | 'p999' | 'p9999'

export type TailCriterion =
  | { span: string; percentile: TailPercentile }
  | { span: string; thresholdNs: number }

const PERCENTILES: Record<string, TailPercentile> = { p90: 'p90', p99: 'p99', 'p99.9': 'p999', 'p99.99': 'p9999' }

export function parseTailCriterion(text: string): TailCriterion {
  const m = /^([\w-]+)(?::(p[\d.]+)|>(.+))?$/.exec(text.trim())
  const names = BUILTIN_SPANS.map((s) => s.name)
  if (m === null || !names.includes(m[1])) {
    throw new UsageError(`--tail: expected SPAN, SPAN:PERCENTILE or SPAN>DURATION with SPAN one of ${names.join(', ')} (e.g. wakeup, wakeup:p99.9, wakeup>2ms), got '${text}'`)
  }
  if (m[3] !== undefined) {
    try {
      return { span: m[1], thresholdNs: parseDurationNs(m[3].trim()) }
    } catch (e) {
      throw new UsageError(`--tail ${text}: ${(e as Error).message}`)
    }
  }
  const percentile = PERCENTILES[m[2] ?? 'p99']
  if (percentile === undefined) throw new UsageError(`--tail ${text}: percentile must be one of ${Object.keys(PERCENTILES).join(', ')}`)
  return { span: m[1], percentile }
}
