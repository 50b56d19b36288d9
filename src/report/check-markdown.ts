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

export function checkMarkdown(r: CheckResult): string {
  const lines = [
    `## exotrace check: ${r.spec.name}`,
    '',
    `**${totalsText(r)}** — pass and fail are decided at ${r.confidence * 100}% confidence; figures are \`[low estimate high]\`.`,
    '',
    ...r.inputs.map((i) => `- \`${i.input}\`: ${i.format}, ${i.events} events, ${i.cpus} CPUs, ${i.lost_events} lost`),
  ]
  for (const [section, criteria] of bySection(r)) {
    lines.push('', `### ${section}`, '', '| verdict | criterion | target | measured | why |', '| --- | --- | --- | --- | --- |')
    for (const c of criteria) {
      lines.push(row(c.id, c.main))
      if (c.success) lines.push(row(`${c.id} (success)`, c.success))
    }
  }
  return `${lines.join('\n')}\n`
}
