// `exotrace compare` on the terminal, in criterion.rs' shape: per criterion the baseline and
// current figures as [low estimate high] and `change: [low estimate high]` with its verdict.
import type { CompareResult, FigureComparison } from '../compare/compare-runs.js'
import type { Interval } from '../spec/verdict.js'
import { formatValue } from './check-figures.js'

const COLOURS: Record<string, string> = { regressed: '31', improved: '32', 'within-noise': '2', 'no-change': '2', 'not-comparable': '2' }

function pct(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+∞%' : '-∞%'
  const v = x * 100
  return `${v >= 0 ? '+' : ''}${Number(v.toPrecision(3))}%`
}

function interval(i: Interval | undefined, kind: string): string {
  if (!i) return '—'
  const low = i.low === null || !Number.isFinite(i.low) ? '-∞' : formatValue(i.low, kind)
  return `[${low} ${formatValue(i.estimate, kind)} ${formatValue(i.high, kind)}]`
}

export function compareLines(f: FigureComparison, paint: (code: string, s: string) => string, indent: string): string[] {
  if (!f.change) return [`${indent}${f.statistic}: ${f.message}`]
  const width = Math.max(8, f.statistic.length)
  return [
    `${indent}${f.statistic.padEnd(width)} baseline ${interval(f.baseline, f.kind)}  current ${interval(f.current, f.kind)}`,
    `${indent}${''.padEnd(width)} change: [${pct(f.change.low)} ${pct(f.change.estimate)} ${pct(f.change.high)}] ${paint(COLOURS[f.verdict]!, f.message)}`,
  ]
}

export function renderCompare(r: CompareResult, options: { colour: boolean }): string {
  const paint = (code: string, s: string): string => (options.colour ? `\x1b[${code}m${s}\x1b[0m` : s)
  const lines = [`change intervals: distribution-free, ${r.confidence * 100}% joint confidence; noise threshold ±${r.thresholdPct}%`]
  let section = ''
  for (const c of r.criteria) {
    if (c.figure.verdict === 'not-comparable' && c.distribution.length === 0) continue
    if (c.section !== section) lines.push('', paint('1', (section = c.section)))
    lines.push(`  ${c.id}  ${c.title}  (target ${c.target}; ${c.status.baseline} -> ${c.status.current})`)
    lines.push(...compareLines(c.figure, paint, '    '))
    for (const d of c.distribution) lines.push(...compareLines(d, paint, '    '))
    if (c.success && c.success.verdict !== 'not-comparable') lines.push(...compareLines({ ...c.success, statistic: `success ${c.success.statistic}` }, paint, '    '))
  }
  const skipped = r.criteria.filter((c) => c.figure.verdict === 'not-comparable' && c.distribution.length === 0).length
  lines.push('', `${r.regressions} regression${r.regressions === 1 ? '' : 's'} beyond ±${r.thresholdPct}%; ${skipped} criteria measured in neither run or only one`)
  return lines.join('\n')
}
