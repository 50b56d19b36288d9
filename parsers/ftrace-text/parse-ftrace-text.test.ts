// ftrace text from real recordings against the recordings' own counts: the kernel's header
// (entries-in-buffer), per-CPU stats (overrun), `trace-cmd report --stat`, and event lines
// counted here with a plain regex over the text.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { PieceTables } from '../../tables/piece-tables.js'
import { columnValues } from '../../tables/piece-table-values.js'
import { FtraceTextFramer } from './ftrace-text-framer.js'
import { parseFtraceText } from './parse-ftrace-text.js'
import { CORPORA, haveShared, OURS, readText, REAL } from './test-inputs.js'

const EVENT_LINE = /^\s*(.*)-(\d+)\s+(?:\(\s*([-\d]+)\)\s+)?\[(\d+)\]\s+(?:[^\s\d]\S*\s+)?(\d+(?:\.\d+)?):\s+([^\s:]+):/
const EVENT_LINE_G = new RegExp(EVENT_LINE.source, 'gm')

/** Event lines per name, counted from the text alone. */
function countByName(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const line of text.split('\n')) {
    const m = EVENT_LINE.exec(line)
    if (m !== null) counts.set(m[6], (counts.get(m[6]) ?? 0) + 1)
  }
  return counts
}

function parsedCounts(out: PieceTables): Map<string, number> {
  return new Map(out.eventNames.strings.map((n, i) => [n, out.eventCounts[i]]))
}

function rows(out: PieceTables, table: Parameters<typeof columnValues>[1]): number {
  return columnValues(out, table, 'ts').length
}

/** `entries: N` / `overrun: N` per CPU from a per_cpu stats file. */
function perCpuStats(path: string, field: string): number[] {
  return [...readFileSync(path, 'utf8').matchAll(new RegExp(`^${field}: (\\d+)$`, 'gm'))].map((m) => Number(m[1]))
}

describe.skipIf(!haveShared)('tracefs trace file', () => {
  const text = readText(`${REAL}/ftrace/small-text-localclock.trace.txt.gz`)
  const out = parseFtraceText(text)

  test('every event line is counted under its name, as many as the header says', () => {
    expect(parsedCounts(out)).toEqual(countByName(text))
    const total = [...parsedCounts(out).values()].reduce((a, b) => a + b, 0)
    expect(total).toBe(12066) // `entries-in-buffer/entries-written: 12066/12066`
    expect(perCpuStats(`${REAL}/ftrace/small-text-localclock.per_cpu-stats.txt`, 'entries').reduce((a, b) => a + b)).toBe(12066)
    expect(out.unparsed.count).toBe(0)
  })

  test('events land in their typed tables', () => {
    const n = countByName(text)
    expect(rows(out, 'sched_switch')).toBe(n.get('sched_switch'))
    expect(rows(out, 'sched_wakeup')).toBe(n.get('sched_wakeup')! + n.get('sched_waking')! + n.get('sched_wakeup_new')!)
    expect(rows(out, 'syscall')).toBe(n.get('sys_enter')! + n.get('sys_exit')!)
    expect(rows(out, 'irq')).toBe(['irq_handler_entry', 'irq_handler_exit', 'softirq_raise', 'softirq_entry', 'softirq_exit']
      .reduce((a, k) => a + n.get(k)!, 0))
    expect(rows(out, 'timer')).toBe(n.get('hrtimer_expire_entry')! + n.get('hrtimer_expire_exit')!)
    expect(rows(out, 'event')).toBe(0)
    expect(rows(out, 'lost')).toBe(0)
  })

  test('timestamps are the printed seconds.micro, exactly in ns', () => {
    // first event: `bash-17307   [001] .....  1652.306192: sys_exit: NR 1 = 2`
    expect(columnValues(out, 'syscall', 'ts')[0]).toBe(1652306192000)
    expect(columnValues(out, 'syscall', 'cpu')[0]).toBe(1)
    expect(columnValues(out, 'syscall', 'tid')[0]).toBe(17307)
    expect(columnValues(out, 'syscall', 'ret')[0]).toBe(2)
  })
})

describe.skipIf(!haveShared)('overflowed buffer: lost events', () => {
  const overrun = perCpuStats(`${REAL}/ftrace/overflow-pipe-small.per_cpu-stats.txt`, 'overrun')

  test('trace_pipe `CPU:N [LOST N EVENTS]` lines equal the per-CPU overrun, timed by the next event of that CPU', () => {
    const text = readText(`${REAL}/ftrace/overflow-pipe-small.trace_pipe.txt.gz`)
    const out = parseFtraceText(text)
    expect(columnValues(out, 'lost', 'cpu')).toEqual([0, 1])
    expect(columnValues(out, 'lost', 'count')).toEqual(overrun)
    // line 1 is `CPU:0 [LOST 46395 EVENTS]`, line 2 the event at 1654.676129 on CPU 0
    const lines = text.split('\n')
    const after = lines.findIndex((l) => l.startsWith('CPU:1 ')) + 1
    const us = /(\d+)\.(\d+):/.exec(lines[after])!
    expect(columnValues(out, 'lost', 'ts')).toEqual([1654676129000, Number(us[1]) * 1e9 + Number(us[2]) * 1e3])
    expect(parsedCounts(out)).toEqual(countByName(text))
  })

  test('the trace file reports the overwritten events once, as written minus still in the buffer', () => {
    const out = parseFtraceText(readText(`${REAL}/ftrace/overflow-pipe-small.trace.txt.gz`))
    expect(columnValues(out, 'lost', 'count')).toEqual([85277 - 2759])
    expect(85277 - 2759).toBe(overrun[0] + overrun[1])
    expect(columnValues(out, 'lost', 'cpu')).toEqual([null])
  })
})

describe.skipIf(!haveShared)('trace-cmd report text', () => {
  const stat = readFileSync(`${REAL}/ftrace/small-top.report-stat.txt`, 'utf8')
  const readEvents = [...stat.matchAll(/^read events: (\d+)$/gm)].map((m) => Number(m[1]))
  const ns = parseFtraceText(readText(`${REAL}/ftrace/small-top.report-ns.txt.gz`))
  const us = parseFtraceText(readText(`${REAL}/ftrace/small-top.report.txt.gz`))

  test('events per CPU equal `trace-cmd report --stat` read events', () => {
    const perCpu = [0, 0]
    for (const t of ns.tables()) {
      if (t.name === 'lost' || t.name === 'frame') continue
      // task rows: fork and exit events, not the first-seen rows the parser adds
      const change = t.name === 'task' ? columnValues(ns, 'task', 'change') : null
      columnValues(ns, t.name, 'cpu').forEach((cpu, r) => { if (change?.[r] !== 'seen') perCpu[cpu as number]++ })
    }
    expect(perCpu).toEqual(readEvents)
    expect([...parsedCounts(ns).values()].reduce((a, b) => a + b)).toBe(readEvents[0] + readEvents[1])
  })

  test('names counted as in the text; `-t` nanoseconds exact, microseconds the rounded same instants', () => {
    const text = readText(`${REAL}/ftrace/small-top.report-ns.txt.gz`)
    expect(parsedCounts(ns)).toEqual(countByName(text))
    expect(parsedCounts(us)).toEqual(parsedCounts(ns))
    const sw = columnValues(ns, 'sched_switch', 'ts') as number[]
    const swUs = columnValues(us, 'sched_switch', 'ts') as number[]
    expect(sw.length).toBe(swUs.length)
    const line = text.split('\n').find((l) => l.includes(' sched_switch: '))!
    const [, s, frac] = /(\d+)\.(\d{9}):/.exec(line)!
    expect(sw[0]).toBe(Number(s) * 1e9 + Number(frac))
    for (let i = 0; i < sw.length; i++) expect(Math.abs(sw[i] - swUs[i])).toBeLessThanOrEqual(500)
  })

  test.each(['edf/edf-overload-small.report.txt.gz', 'edf/edf-overload-small.report-ns.txt.gz', 'rr/rr-3threads-100ms.report.txt'])(
    '%s: every event under its name, trace_marker lines kept with their text', (file) => {
      const text = readText(`${REAL}/${file}`)
      const out = parseFtraceText(text)
      expect(parsedCounts(out)).toEqual(countByName(text))
      expect(out.unparsed.count).toBe(0)
      const n = countByName(text)
      expect(rows(out, 'sched_switch')).toBe(n.get('sched_switch'))
      const marks = (columnValues(out, 'event', 'args') as string[]).filter((a) => a.startsWith('tracing_mark_write: edf: '))
      expect(marks.length).toBe(n.get('print') ?? 0)
    })

  test('trappy reports (generated by trace-cmd 3.1.6): counts from `trace-cmd dump --summary`; bprint spanning two lines stays one event', () => {
    const dir = `${CORPORA}/trappy/generated-trace-cmd-3.1.6/tests`
    const raw = parseFtraceText(readText(`${dir}/raw_trace.dat.report.txt`))
    expect(parsedCounts(raw)).toEqual(new Map([['bprint', 2], ['sched_switch', 755]]))
    expect(columnValues(raw, 'event', 'args')[0]).toBe('select_task_rq_fair: fig: cpu=0\n gid=4')
    const arm32 = parseFtraceText(readText(`${dir}/trace.dat.report.txt`))
    expect(parsedCounts(arm32)).toEqual(new Map([['bprint', 501], ['cdev_update', 18], ['thermal_temperature', 6]]))
  })
})

describe.skipIf(!haveShared)('trappy ftrace text files', () => {
  test.each(['raw_trace.txt', 'trace_common_clk.txt', 'trace_empty.txt', 'trace_equals.txt', 'trace_failed_to_parse.txt',
    'trace_filesystem.txt', 'trace_idle_unsorted.txt', 'trace_no_trailing_line.txt', 'trace_sched.txt'])('%s', (file) => {
    const text = readText(`${CORPORA}/trappy/tests/${file}`)
    const out = parseFtraceText(text)
    expect(parsedCounts(out)).toEqual(countByName(text))
    expect(out.unparsed.count).toBe(0)
  })

  test('`<...>-PID` (comm not recorded) gives no task row; tab-indented lines parse', () => {
    const fs = parseFtraceText(readText(`${CORPORA}/trappy/tests/trace_filesystem.txt`))
    expect(columnValues(fs, 'task', 'comm')).not.toContain('<...>')
    const idle = parseFtraceText(readText(`${CORPORA}/trappy/tests/trace_idle_unsorted.txt`))
    expect(columnValues(idle, 'sched_switch', 'next_comm')[0]).toBe('swapper/6')
  })
})

describe('our recordings', () => {
  test('TGID column: task.pid is the thread group, null for `(-------)`', () => {
    const text = readText(join(OURS, 'tgid-stacktrace-local.trace.txt.gz'))
    const out = parseFtraceText(text)
    expect(parsedCounts(out)).toEqual(new Map([...countByName(text), ['kernel_stack', 14]]))
    const tids = columnValues(out, 'task', 'tid')
    const pids = columnValues(out, 'task', 'pid')
    const expected = new Map<number, number | null>()
    for (const m of text.matchAll(/^\s*.*-(\d+)\s+\(\s*([-\d]+)\)\s+\[/gm)) expected.set(Number(m[1]), m[2].startsWith('-') ? null : Number(m[2]))
    tids.forEach((tid, i) => { if (columnValues(out, 'task', 'change')[i] === 'seen') expect(pids[i]).toBe(expected.get(tid as number)) })
    expect(pids).toContain(null)
  })

  test('`<stack trace>` blocks become stacks, leaf first as printed', () => {
    const text = readText(join(OURS, 'tgid-stacktrace-local.trace.txt.gz'))
    const out = parseFtraceText(text)
    const printed = [...text.matchAll(/<stack trace>\n((?: => .*\n)+)/g)].map((m) => m[1].trim().split('\n').map((l) => l.replace(/^\s*=> /, '')))
    expect(printed.length).toBe(14)
    const names = columnValues(out, 'event', 'name')
    const stackIds = columnValues(out, 'event', 'stack_id').filter((_, i) => names[i] === 'kernel_stack')
    const symbols = columnValues(out, 'frame', 'symbol')
    const chains = stackIds.map((id) => {
      const chain: string[] = []
      for (let n = id as number; n >= 0; n = out.stackNodes.parents[n]) chain.push(symbols[out.stackNodes.frames[n]] as string)
      return chain
    })
    expect(chains).toEqual(printed)
  })

  test('global clock without the irq-info column', () => {
    const text = readText(join(OURS, 'noirqinfo-kmem-timer-global.trace.txt.gz'))
    const out = parseFtraceText(text)
    const n = countByName(text)
    expect(parsedCounts(out)).toEqual(n)
    const kmem = ['kmalloc', 'kfree', 'kmem_cache_alloc', 'kmem_cache_free', 'mm_page_alloc', 'mm_page_free']
    expect(rows(out, 'kmem')).toBe(kmem.reduce((a, k) => a + (n.get(k) ?? 0), 0))
    expect(rows(out, 'timer')).toBe([...n].filter(([k]) => k.startsWith('hrtimer_') || k.startsWith('timer_')).reduce((a, [, v]) => a + v, 0))
    expect(rows(out, 'event')).toBe(0)
  })

  test.each([['x86tsc', 'count'], ['counter', 'count'], ['uptime', 'count'], ['boot', 'ns']])('%s clock: timestamps as printed, raw counts kept as counts', (name, unit) => {
    const text = readText(join(OURS, `${name}.trace.txt.gz`))
    const out = parseFtraceText(text)
    expect(parsedCounts(out)).toEqual(countByName(text))
    const printed = [...text.matchAll(EVENT_LINE_G)].map((m) => m[5])
    const expected = printed.map((t) => unit === 'count' ? Number(t) : Number(t.split('.')[0]) * 1e9 + Number(t.split('.')[1]) * 1e3)
    expect(printed.every((t) => t.includes('.') === (unit === 'ns'))).toBe(true)
    // every event row in input order (seq), leaving out the first-seen task rows the parser adds;
    // a task row (fork, exec, exit) shares its seq with the event after it
    const ts = out.tables().flatMap((t) => {
      const change = t.name === 'task' ? columnValues(out, 'task', 'change') : null
      const seq = columnValues(out, t.name, 'seq') as number[]
      return columnValues(out, t.name, 'ts').map((v, r) => ({ order: seq[r] * 2 + (change === null ? 1 : 0), v, change: change?.[r] }))
        .filter((x) => x.change !== 'seen')
    })
    expect(ts.sort((a, b) => a.order - b.order).map((x) => x.v)).toEqual(expected)
    const framer = new FtraceTextFramer({})
    framer.cut(new TextEncoder().encode(text), true)
    expect(framer.context().timestampUnit).toBe(unit)
  })
})
