// The same recording as `trace-cmd report -t` text and as the trace.dat itself, read by
// parsers/trace-dat: the text must give the same events, to the ns, with the same fields.
import { existsSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { columnValues } from '../../tables/piece-table-values.js'
import { openFileSource, readTraceDat, type TraceDatEvent } from '../trace-dat/index.js'
import { parseFtraceText } from './parse-ftrace-text.js'
import { readText, REAL } from './test-inputs.js'

const RECORDINGS = [['ftrace/small-top.dat', 'ftrace/small-top.report-ns.txt.gz'], ['edf/edf-overload-small.dat', 'edf/edf-overload-small.report-ns.txt.gz']]

async function datEvents(path: string): Promise<TraceDatEvent[]> {
  const src = await openFileSource(path)
  const events: TraceDatEvent[] = []
  try {
    for await (const r of readTraceDat(src)) if (r.kind === 'event') events.push(r)
  } finally {
    await src.close()
  }
  return events
}

describe.each(RECORDINGS)('%s and its report -t text agree', async (datFile, reportFile) => {
  const present = existsSync(`${REAL}/${datFile}`)
  const dat = present ? await datEvents(`${REAL}/${datFile}`) : []
  if (!present) { test.skip('recording not on this machine', () => {}); return }
  const out = parseFtraceText(readText(`${REAL}/${reportFile}`))

  test('the same events per name', () => {
    const byName = new Map<string, number>()
    for (const e of dat) byName.set(e.name, (byName.get(e.name) ?? 0) + 1)
    expect(new Map(out.eventNames.strings.map((n, i) => [n, out.eventCounts[i]]))).toEqual(byName)
  })

  test('sched_switch rows equal the binary records, field by field and to the ns', () => {
    const sw = dat.filter((e) => e.name === 'sched_switch')
    const cols = ['ts', 'cpu', 'tid', 'prev_tid', 'prev_prio', 'next_tid', 'next_prio', 'next_comm'].map((c) => columnValues(out, 'sched_switch', c))
    const rows = cols[0].map((_, r) => cols.map((c) => c[r]))
    expect(rows).toEqual(sw.map((e) => [Number(e.ts), e.cpu, e.pid, e.fields.prev_pid, e.fields.prev_prio, e.fields.next_pid, e.fields.next_prio, e.fields.next_comm]))
  })

  test('syscall and irq rows at the same instants and on the same CPUs', () => {
    for (const [table, names] of [['syscall', ['sys_enter', 'sys_exit']], ['irq', ['irq_handler_entry', 'irq_handler_exit', 'softirq_raise', 'softirq_entry', 'softirq_exit']]] as const) {
      const ev = dat.filter((e) => (names as readonly string[]).includes(e.name))
      if (ev.length === 0) continue
      expect(columnValues(out, table, 'ts')).toEqual(ev.map((e) => Number(e.ts)))
      expect(columnValues(out, table, 'cpu')).toEqual(ev.map((e) => e.cpu))
    }
  })
})
