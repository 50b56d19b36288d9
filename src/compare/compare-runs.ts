// `exotrace compare BASELINE CURRENT`: two check results side by side, per criterion (its
// statistic) and per distribution (p50, p90, p99 of the distribution behind it), each with
// a distribution-free change interval; a change wholly beyond the noise threshold in the
// direction the target calls worse is a regression.
import type { CheckOutcome, CheckResult } from '../check/check-result.js'
import type { FigureSource } from '../check/figure-source.js'
import type { Interval } from '../spec/verdict.js'
import { changeInterval, type Change } from './change-interval.js'

export type ChangeVerdict = 'regressed' | 'improved' | 'within-noise' | 'no-change' | 'not-comparable'

export interface FigureComparison {
  /** the criterion's statistic, or p50/p90/p99 of its distribution */
  statistic: string
  kind: string
  baseline?: Interval
  current?: Interval
  change?: Change
  verdict: ChangeVerdict
  /** criterion.rs' sentence for the verdict, or why the runs cannot be compared */
  message: string
}

export interface CriterionComparison {
  id: string
  section: string
  title: string
  target: string
  status: { baseline: string; current: string }
  figure: FigureComparison
  distribution: FigureComparison[]
  /** the criterion's `success` check, when it has one */
  success?: FigureComparison
}

export interface CompareResult {
  kind: 'exotrace-compare'
  version: 1
  thresholdPct: number
  confidence: number
  criteria: CriterionComparison[]
  regressions: number
}

const MESSAGES: Record<Exclude<ChangeVerdict, 'not-comparable'>, string> = {
  regressed: 'Performance has regressed.',
  improved: 'Performance has improved.',
  'within-noise': 'Change within noise threshold.',
  'no-change': 'No change in performance detected.',
}

/** `lowerIsBetter`: the target is `<` or `<=` (a latency); otherwise higher is better (a rate). */
export function judgeChange(change: Change, thresholdPct: number, lowerIsBetter: boolean): ChangeVerdict {
  const noise = thresholdPct / 100
  if (change.low <= 0 && change.high >= 0) return 'no-change'
  const worse = lowerIsBetter ? change.low > noise : change.high < -noise
  const better = lowerIsBetter ? change.high < -noise : change.low > noise
  return worse ? 'regressed' : better ? 'improved' : 'within-noise'
}

function compareFigures(statistic: string, kind: string, b: FigureSource | undefined, c: FigureSource | undefined,
  thresholdPct: number, lowerIsBetter: boolean, confidence: number): FigureComparison {
  if (!b || !c) {
    const which = !b && !c ? 'neither run' : !b ? 'the baseline' : 'the current run'
    return { statistic, kind, verdict: 'not-comparable', message: `${which} measured no ${statistic}` }
  }
  const pair = changeInterval(b, c, confidence)
  const verdict = judgeChange(pair.change, thresholdPct, lowerIsBetter)
  return { statistic, kind, ...pair, verdict, message: MESSAGES[verdict as keyof typeof MESSAGES] }
}

const DISTRIBUTION_QUANTILES: [string, number][] = [['p50', 0.5], ['p90', 0.9], ['p99', 0.99]]

function compareCheck(b: CheckOutcome, c: CheckOutcome, thresholdPct: number, confidence: number): Pick<CriterionComparison, 'figure' | 'distribution'> {
  const lowerIsBetter = c.target.op === '<' || c.target.op === '<='
  const statistic = c.verdict.how.split(' ')[0] || 'figure'
  const figure = compareFigures(statistic, c.target.kind, b.figure, c.figure, thresholdPct, lowerIsBetter, confidence)
  const distribution = b.distribution && c.distribution
    ? DISTRIBUTION_QUANTILES.map(([name, q]) => compareFigures(`dist.${name}`, 'duration',
      { kind: 'quantile', q, histogram: b.distribution! }, { kind: 'quantile', q, histogram: c.distribution! }, thresholdPct, true, confidence))
    : []
  return { figure, distribution }
}

export function compareRuns(baseline: CheckResult, current: CheckResult, options: { thresholdPct?: number; confidence?: number } = {}): CompareResult {
  const thresholdPct = options.thresholdPct ?? 5
  const confidence = options.confidence ?? 0.95
  const before = new Map(baseline.criteria.map((c) => [c.id, c]))
  const criteria: CriterionComparison[] = []
  for (const c of current.criteria) {
    const b = before.get(c.id)
    if (!b) continue
    criteria.push({
      id: c.id, section: c.section, title: c.title, target: c.main.target.text,
      status: { baseline: b.status, current: c.status },
      ...compareCheck(b.main, c.main, thresholdPct, confidence),
      ...(b.success && c.success ? { success: compareCheck(b.success, c.success, thresholdPct, confidence).figure } : {}),
    })
  }
  const regressions = criteria.filter((c) => c.figure.verdict === 'regressed' || c.success?.verdict === 'regressed').length
  return { kind: 'exotrace-compare', version: 1, thresholdPct, confidence, criteria, regressions }
}
