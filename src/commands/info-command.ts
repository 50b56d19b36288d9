import type { Command } from 'commander'
import type { InputDamage } from '../../parsers/parser.js'
import { info, type TraceMeta } from '../ingest/ingest.js'
import { formatCount, formatDurationNs, formatTimestampNs } from '../report/format-units.js'
import { damageText } from '../report/damage-text.js'
import { printWarnings } from '../report/print-warnings.js'
import { readOptionsOf, withReadOptions } from './read-options.js'

export function infoCommand(program: Command): void {
  withReadOptions(program.command('info')
    .description('what a trace or dataset holds: format, events per table and per name, time span, CPUs, tasks, lost events, lines not understood')
    .argument('<input>', "trace file, '-' for stdin, or a dataset folder")
    .option('--json', 'print one JSON object'))
    .action(async (input: string, o: Record<string, unknown>) => {
      const meta = await info(input, readOptionsOf(o))
      // segments (which batches each input piece made) serve the analysis runner, not people
      const { segments: _segments, ...shown } = meta
      console.log(o.json ? JSON.stringify(shown, null, 2) : describe(input, meta))
      printWarnings(input, meta)
    })
}

export function describe(input: string, m: TraceMeta): string {
  const lines = [`${input}: ${m.format}${m.source.compression ? ` (${m.source.compression})` : ''}`]
  const span = m.start_ns !== null && m.end_ns !== null
    ? `${formatTimestampNs(m.start_ns)} s to ${formatTimestampNs(m.end_ns)} s (${formatDurationNs(m.end_ns - m.start_ns)})` : 'none'
  lines.push(`  events     ${formatCount(m.events)}`, `  time span  ${span}`,
    `  CPUs       ${m.cpus.length} (${m.cpus.join(', ')})`, `  tasks      ${formatCount(m.tasks)} threads seen`)
  lines.push(`  lost       ${formatCount(m.lost.events)} events in ${formatCount(m.lost.records)} records` +
    (m.lost.unknown_count_records > 0 ? ` (+${m.lost.unknown_count_records} records that do not say how many)` : ''))
  for (const c of m.per_cpu ?? []) {
    lines.push(`    CPU ${c.cpu}: ${formatCount(c.events)} events from ${formatTimestampNs(c.first_ns)} s to ${formatTimestampNs(c.last_ns)} s, ${formatCount(c.lost_events)} lost`)
  }
  if (m.complete_window) {
    const w = m.complete_window
    lines.push(`  complete   every CPU's events are all there from ${formatTimestampNs(w.start_ns)} s to ${formatTimestampNs(w.end_ns)} s ` +
      `(${formatDurationNs(Math.max(0, w.end_ns - w.start_ns))}; ${w.lost_records_inside} lost-event records inside)`)
  }
  const damage = m.context.damage as InputDamage | undefined
  if (damage) {
    lines.push(`  damaged    the input's data is ${damageText(damage)}: these are the events read before it`)
  }
  lines.push(`  unparsed   ${formatCount(m.unparsed.count)} lines` +
    (m.unparsed.count > 0 ? ` (first at line ${m.unparsed.first_lines.join(', ')})` : ''))
  lines.push('  rows per table:')
  for (const [t, n] of Object.entries(m.tables)) lines.push(`    ${t.padEnd(14)} ${formatCount(n).padStart(12)}`)
  lines.push('  events per name:')
  for (const [e, n] of Object.entries(m.events_by_name)) lines.push(`    ${e.padEnd(40)} ${formatCount(n).padStart(12)}`)
  return lines.join('\n')
}
