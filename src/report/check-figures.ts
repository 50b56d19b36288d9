// The figures of a checked criterion as every report writes them: criterion.rs-style
// `[low estimate high]` with units, an open bound as ∞.
import type { CheckOutcome, CheckResult, CriterionOutcome } from '../check/check-result.js'
import { formatQuantity, type QuantityKind } from '../spec/units.js'

export function formatValue(value: number | null | undefined, kind: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '∞'
  return formatQuantity(value, kind as QuantityKind)
}

/** `p99 [1.2 us 1.5 us 2 us]`, or '' when nothing was measured. */
export function figureText(o: CheckOutcome): string {
  const m = o.verdict.measured
  if (!m) return ''
  const statistic = o.verdict.how.split(' ')[0]
  // An open bound (too few samples for a distribution-free interval) is ±∞; JSON keeps it as null.
  const low = m.low === null || m.low === -Infinity ? '-∞' : formatValue(m.low, o.target.kind)
  return `${statistic} [${low} ${formatValue(m.estimate, o.target.kind)} ${formatValue(m.high, o.target.kind)}]`
}

export function checksOf(c: CriterionOutcome): CheckOutcome[] {
  return c.success ? [c.main, c.success] : [c.main]
}

/** Criteria grouped by section, in the spec's order. */
export function bySection(r: CheckResult): [string, CriterionOutcome[]][] {
  const groups = new Map<string, CriterionOutcome[]>()
  for (const c of r.criteria) groups.set(c.section, [...(groups.get(c.section) ?? []), c])
  return [...groups]
}

export function totalsText(r: CheckResult): string {
  const t = r.totals
  return `${t.pass} pass, ${t.fail} fail, ${t.inconclusive} inconclusive, ${t['not-measured']} not measured (of ${r.criteria.length} criteria)`
}
