// `exotrace check` on the terminal: one table per section of the spec, a row per criterion
// with its verdict, target and `[low estimate high]` figure, and under it why; colours only
// when writing to a terminal.
import type { CheckOutcome, CheckResult } from '../check/check-result.js'
import { bySection, figureText, totalsText } from './check-figures.js'
import { formatCount, formatDurationNs } from './format-units.js'

const COLOURS: Record<string, string> = { pass: '32', fail: '31', inconclusive: '33', 'not-measured': '2' }

/** Without -v a not-measured row says what is missing, not yet how to record or measure it. */
function briefReason(status: string, reason: string): string {
  return status === 'not-measured' ? reason.split(/; record with: |\. To measure it: /)[0] : reason
}

export function renderCheck(r: CheckResult, options: { colour: boolean; verbose?: boolean }): string {
  const paint = (code: string, s: string): string => (options.colour ? `\x1b[${code}m${s}\x1b[0m` : s)
  const tag = (status: string): string => paint(COLOURS[status]!, status.toUpperCase().padEnd(12))
  const lines: string[] = [`${r.spec.name} (${r.spec.file})`]
  for (const i of r.inputs) {
    const span = i.start_ns !== null && i.end_ns !== null ? formatDurationNs(i.end_ns - i.start_ns) : 'no'
    lines.push(`  ${i.input}: ${i.format}, ${formatCount(i.events)} events over ${span}, ${i.cpus} CPUs, ${formatCount(i.lost_events)} lost`)
  }
  const idWidth = Math.max(...r.criteria.map((c) => c.id.length)) + 2
  const targetWidth = Math.min(28, Math.max(...r.criteria.flatMap((c) => [c.main, ...(c.success ? [c.success] : [])]).map((o) => o.target.text.length)))
  const row = (label: string, o: CheckOutcome): void => {
    lines.push(`  ${tag(o.verdict.status)} ${label.padEnd(idWidth)} ${o.target.text.padEnd(targetWidth)} ${figureText(o)}`.trimEnd())
    const detail = o.verdict.status === 'pass' && !options.verbose ? [] : [options.verbose ? o.verdict.reason : briefReason(o.verdict.status, o.verdict.reason)]
    for (const d of [...detail, ...o.verdict.warnings.map((w) => `warning: ${w}`)]) lines.push(paint('2', `  ${''.padEnd(12)} ${''.padEnd(idWidth)} ${d}`))
  }
  for (const [section, criteria] of bySection(r)) {
    lines.push('', paint('1', section))
    for (const c of criteria) {
      if (c.success) {
        lines.push(`  ${tag(c.status)} ${c.id}  ${c.title}`)
        for (const [label, o] of [['  target', c.main], ['  success', c.success]] as const) row(label, o)
      } else {
        row(c.id, c.main)
      }
    }
  }
  lines.push('', totalsText(r))
  if (!options.verbose && r.totals['not-measured'] > 0) lines.push('(-v: the record command or the tool that measures each not-measured criterion)')
  return lines.join('\n')
}
