// `check --markdown FILE`: the verdicts as a pull request comment — totals first, then a
// table per section; reasons for everything that did not pass.
import type { CheckOutcome, CheckResult } from '../check/check-result.js'
import { bySection, figureText, totalsText } from './check-figures.js'

const MARK: Record<string, string> = { pass: '✅ pass', fail: '❌ fail', inconclusive: '⚠️ inconclusive', 'not-measured': '➖ not measured' }

const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ')

function row(id: string, o: CheckOutcome): string {
  const why = [o.verdict.status === 'pass' ? '' : o.verdict.reason, ...o.verdict.warnings.map((w) => `⚠️ ${w}`)].filter(Boolean).join('<br>')
  return `| ${MARK[o.verdict.status]} | \`${id}\` ${cell(o.target.title)} | ${cell(o.target.text)} | ${cell(figureText(o) || '—')} | ${cell(why)} |`
}

function table(rows: string[]): string[] {
  return ['| verdict | criterion | target | measured | why |', '| --- | --- | --- | --- | --- |', ...rows]
}

export function checkMarkdown(r: CheckResult): string {
  const lines = [
    `## exotrace check: ${r.spec.name}`,
    '',
    `**${totalsText(r)}** — pass and fail are decided at ${r.confidence * 100}% confidence; figures are \`[low estimate high]\`.`,
    '',
    ...r.inputs.map((i) => `- \`${i.input}\`: ${i.format}, ${i.events} events, ${i.cpus} CPUs, ${i.lost_events} lost`),
  ]
  // What the run measured leads; the not-measured rows (most of a spec, on a partial trace)
  // fold away so the comment stays readable.
  const unmeasured: string[] = []
  for (const [section, criteria] of bySection(r)) {
    const rows: string[] = []
    for (const c of criteria) {
      for (const [id, o] of c.success ? [[c.id, c.main], [`${c.id} (success)`, c.success]] as const : [[c.id, c.main]] as const) {
        ;(c.status === 'not-measured' ? unmeasured : rows).push(row(id, o))
      }
    }
    if (rows.length > 0) lines.push('', `### ${section}`, '', ...table(rows))
  }
  if (unmeasured.length > 0) {
    lines.push('', `<details><summary>${r.totals['not-measured']} criteria not measured: why, and how to record what they need</summary>`, '', ...table(unmeasured), '', '</details>')
  }
  return `${lines.join('\n')}\n`
}
