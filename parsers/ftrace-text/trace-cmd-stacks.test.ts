// `trace-cmd report` of an instance recorded with options/stacktrace (fixtures/ftrace-text):
// lines carry the buffer name (`fttext:`), every event is followed by `kernel_stack:
// <stack trace >` and `=> func (addr)` lines. Checked against `trace-cmd report --stat`,
// against the frames printed under each event, and across the plain, `-t` and `-l` reports.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { PieceTables } from '../../tables/piece-tables.js'
import type { TableName } from '../../tables/schema.js'
import { columnValues } from '../../tables/piece-table-values.js'
import { parseFtraceText } from './parse-ftrace-text.js'
import { OURS, readText } from './test-inputs.js'

const NAME = 'stacktrace-mono'
const text = readText(join(OURS, `${NAME}.report.txt.gz`))
const out = parseFtraceText(text)

/** Per event line of the text: its name and the frames printed under its `<stack trace >`. */
function printedEvents(report: string): { name: string; cpu: number; frames: string[] }[] {
  const events: { name: string; cpu: number; frames: string[] }[] = []
  for (const line of report.split('\n')) {
    const m = /^\S+: .*-\d+ +\[(\d+)\] +[\d.]+: (\w+): /.exec(line)
    if (m !== null) { events.push({ name: m[2], cpu: Number(m[1]), frames: [] }); continue }
    const f = /^=> (\S+)/.exec(line)
    if (f !== null) events[events.length - 1].frames.push(f[1])
  }
  return events
}

/** The frames of the stack entry that follows each event on its CPU (other CPUs' lines may come between). */
function stackAfter(events: { name: string; cpu: number; frames: string[] }[], i: number): string[] {
  for (let j = i + 1; j < events.length; j++) {
    if (events[j].cpu === events[i].cpu) return events[j].name === 'kernel_stack' ? events[j].frames : []
  }
  return []
}

function chains(p: PieceTables, table: TableName): string[][] {
  const symbols = columnValues(p, 'frame', 'symbol')
  return columnValues(p, table, 'stack_id').map((id) => {
    if (id === null) return []
    const chain: string[] = []
    for (let n = id as number; n >= 0; n = p.stackNodes.parents[n]) chain.push(symbols[p.stackNodes.frames[n]] as string)
    return chain
  })
}

describe('trace-cmd report with kernel stacks', () => {
  const events = printedEvents(text)

  test('events per CPU as `trace-cmd report --stat` read them', () => {
    const stat = readFileSync(join(OURS, `${NAME}.report-stat.txt`), 'utf8').split('Buffer: fttext')[1]
    const readEvents = [...stat.matchAll(/^read events: (\d+)$/gm)].map((m) => Number(m[1]))
    expect([0, 1].map((cpu) => events.filter((e) => e.cpu === cpu).length)).toEqual(readEvents)
    const counts = new Map(out.eventNames.strings.map((n, i) => [n, out.eventCounts[i]]))
    const expected = new Map<string, number>()
    for (const e of events) expected.set(e.name, (expected.get(e.name) ?? 0) + 1)
    expect(counts).toEqual(expected)
  })

  test('each sched_switch / sched_wakeup row has the stack printed under it', () => {
    for (const [table, names] of [['sched_switch', ['sched_switch']], ['sched_wakeup', ['sched_wakeup', 'sched_waking']]] as const) {
      const printed = events.map((e, i) => ({ e, i }))
        .filter(({ e }) => (names as readonly string[]).includes(e.name)).map(({ i }) => stackAfter(events, i))
      expect(chains(out, table)).toEqual(printed)
    }
  })

  test('events without a stack column keep their stack as a kernel_stack event', () => {
    const names = columnValues(out, 'event', 'name')
    const stacks = chains(out, 'event').filter((_, r) => names[r] === 'kernel_stack')
    const printed = events.map((e, i) => ({ e, i }))
      .filter(({ e }) => ['irq_handler_entry', 'irq_handler_exit', 'sched_process_fork', 'sched_process_exec', 'sched_process_exit'].includes(e.name))
      .map(({ i }) => stackAfter(events, i))
    expect(stacks).toEqual(printed)
  })

  test('the buffer name is not part of the comm', () => {
    const comms = columnValues(out, 'task', 'comm') as string[]
    expect(comms.length).toBeGreaterThan(0)
    for (const c of comms) expect(c).not.toMatch(/^fttext/)
  })

  test('`-t` (ns) and `-l` (latency columns, CPU without brackets) give the same rows', () => {
    const ns = parseFtraceText(readText(join(OURS, `${NAME}.report-ns.txt.gz`)))
    const lat = parseFtraceText(readText(join(OURS, `${NAME}.report-l.txt.gz`)))
    for (const table of ['sched_switch', 'sched_wakeup', 'irq', 'task', 'event'] as const) {
      for (const col of ['cpu', 'tid']) {
        expect(columnValues(lat, table, col)).toEqual(columnValues(out, table, col))
        expect(columnValues(ns, table, col)).toEqual(columnValues(out, table, col))
      }
      expect(columnValues(lat, table, 'ts')).toEqual(columnValues(out, table, 'ts'))
      const us = columnValues(out, table, 'ts') as number[]
      ;(columnValues(ns, table, 'ts') as number[]).forEach((t, i) => expect(Math.abs(t - us[i])).toBeLessThanOrEqual(500))
      expect(chains(lat, table === 'irq' || table === 'task' ? 'event' : table)).toEqual(chains(out, table === 'irq' || table === 'task' ? 'event' : table))
    }
  })
})
