// The reader against trace-cmd 3.1.6: the same events, in the same order, with the same
// timestamps (to the ns), CPUs, pids, comms, names, field values and latency flags.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { readKallsyms, type Kallsyms } from './kallsyms.js'
import { readPrintkFormats } from './printk-formats.js'
import { bytesSource, openFileSource, type RandomAccessSource } from './random-access-source.js'
import { readTraceDat, readTraceDatLayout } from './read-trace-dat.js'
import { compareWithReport } from './report-compare.js'
import { parseReport } from './report-lines.js'
import type { TraceDatLayout } from './trace-dat-layout.js'
import type { TraceDatEvent, TraceDatLost, TraceDatMeta } from './trace-dat-records.js'
import { CORPORA, REAL } from '../../test/shared-paths.js'

const FIXTURES = new URL('../../fixtures/trace-dat/', import.meta.url).pathname
const FTRACE = `${REAL}/ftrace/`
const TRAPPY = `${CORPORA}/trappy/`

export interface ReadResult {
  meta: TraceDatMeta
  events: TraceDatEvent[]
  lost: TraceDatLost[]
  layout: TraceDatLayout
  kallsyms: Kallsyms | undefined
}

export async function readAll(src: RandomAccessSource): Promise<ReadResult> {
  const events: TraceDatEvent[] = []
  const lost: TraceDatLost[] = []
  let meta: TraceDatMeta | undefined
  for await (const r of readTraceDat(src)) {
    if (r.kind === 'meta') meta = r
    else if (r.kind === 'lost') lost.push(r)
    else events.push(r)
  }
  const layout = await readTraceDatLayout(src)
  return { meta: meta!, events, lost, layout, kallsyms: await readKallsyms(src, layout) }
}

async function readPath(path: string): Promise<ReadResult> {
  const src = await openFileSource(path)
  try {
    return await readAll(src)
  } finally {
    await src.close()
  }
}

function lastOnCpu(events: TraceDatEvent[], cpu: number): number | bigint | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.cpu === cpu) return events[i]!.ts
  return undefined
}

const bytesOf = (path: string) => bytesSource(readFileSync(path), path)
const gunzipText = (path: string) => gunzipSync(readFileSync(path)).toString('latin1')
const text = (path: string) => readFileSync(path, 'latin1')

// The events whose report text formatLikeReport reproduces.
const FORMATTED = new Set([
  'sched_switch', 'sched_wakeup', 'sched_wakeup_new', 'sched_waking', 'sched_migrate_task', 'sched_process_fork',
  'sched_process_exit', 'irq_handler_entry', 'irq_handler_exit', 'softirq_raise', 'softirq_entry', 'softirq_exit',
  'hrtimer_expire_entry', 'hrtimer_expire_exit', 'sys_enter', 'sys_exit', 'thermal_temperature', 'cdev_update', 'print', 'bprint',
])

const tempPath = (name: string) => join(mkdtempSync(join(tmpdir(), 'trace-dat-')), name)
/** Makes a file once, on first use. */
function once(make: () => string): () => string {
  let path: string | undefined
  return () => (path ??= make())
}
const hasTraceCmd = spawnSync('trace-cmd', ['list', '-c']).status === 0

const SMALL_TOP_VARIANTS: [string, () => string][] = [
  ['v7, zstd', () => `${FTRACE}small-top.dat`],
  ['v6, uncompressed (trace-cmd convert)', once(() => {
    const path = tempPath('small-top.v6.dat')
    writeFileSync(path, gunzipSync(readFileSync(`${FTRACE}small-top.v6.dat.gz`)))
    return path
  })],
]
// v7 without compression is 8 MB (kallsyms): made here by trace-cmd when it is installed.
if (hasTraceCmd) {
  SMALL_TOP_VARIANTS.push(['v7, uncompressed (trace-cmd convert at test time)', once(() => {
    const path = tempPath('small-top.v7-none.dat')
    execFileSync('trace-cmd', ['convert', '--file-version', '7', '--compression', 'none', '-i', `${FTRACE}small-top.dat`, '-o', path], { stdio: 'ignore' })
    return path
  })])
}

describe.each(SMALL_TOP_VARIANTS)('small-top (%s) against trace-cmd report', (_label, path) => {
  let r: ReadResult
  beforeAll(async () => {
    r = await readPath(path())
  })

  it('reads the 12,036 events of the report, with metadata', () => {
    expect(r.events.length).toBe(12036)
    expect(r.lost).toEqual([])
    expect(r.meta.clock).toBe('mono')
    expect(r.meta.cpus).toBe(2)
    expect(r.meta.pageSize).toBe(4096)
    expect(r.meta.warnings).toEqual([])
    // per_cpu stats of the recording: cpu0 oldest 1653.080153, cpu1 1653.079126 (us)
    expect(r.meta.cpuData.map((c) => c.firstTs)).toEqual([r.events.find((e) => e.cpu === 0)!.ts, r.events.find((e) => e.cpu === 1)!.ts])
    expect(r.meta.cpuData.map((c) => c.lastTs)).toEqual([lastOnCpu(r.events, 0), lastOnCpu(r.events, 1)])
  })

  it('reads the same events one page per read, without time spans', async () => {
    const src = await openFileSource(path())
    const events: TraceDatEvent[] = []
    for await (const rec of readTraceDat(src, { readAheadPages: 1, timeSpans: false })) if (rec.kind === 'event') events.push(rec)
    await src.close()
    expect(events).toEqual(r.events)
  })

  it('matches report -t (ns): columns and the formatted text of every sched/irq/timer/syscall event', () => {
    const report = parseReport(gunzipText(`${FTRACE}small-top.report-ns.txt.gz`))
    expect(compareWithReport(r.events, report.events, { digits: 9, info: 'formatted', formattedNames: FORMATTED, kallsyms: r.kallsyms })).toEqual([])
  })

  it('matches report -R -t: every field value', () => {
    const report = parseReport(gunzipText(`${FIXTURES}small-top.report-R-ns.txt.gz`))
    expect(compareWithReport(r.events, report.events, { digits: 9, info: 'raw', formats: r.layout.formats, kallsyms: r.kallsyms })).toEqual([])
  })

  it('matches report -l -t: irqs-off / need-resched / irq context / preempt depth columns', () => {
    const report = parseReport(gunzipText(`${FIXTURES}small-top.report-l-ns.txt.gz`))
    expect(compareWithReport(r.events, report.events, { digits: 9, info: 'none' })).toEqual([])
  })
})

describe.each([
  ['trace.dat (32-bit ARM, 8 CPUs)', 'trace', 525],
  ['raw_trace.dat (arm64, 6 CPUs, 2 empty)', 'raw_trace', 757],
])('trappy %s, v6, against trace-cmd report', (_label, name, count) => {
  let r: ReadResult
  beforeAll(async () => {
    r = await readPath(`${TRAPPY}tests/${name}.dat`)
  })

  it('reads every event', () => {
    expect(r.events.length).toBe(count)
    expect(r.meta.version).toBe(6)
    expect(r.meta.clock).toBe('local')
  })

  it('matches the corpus report -R (us) and our report -R -t (ns): every field value', () => {
    const us = parseReport(text(`${TRAPPY}generated-trace-cmd-3.1.6/tests/${name}.dat.report-R.txt`))
    expect(compareWithReport(r.events, us.events, { digits: 6, info: 'raw', formats: r.layout.formats })).toEqual([])
    const ns = parseReport(gunzipText(`${FIXTURES}trappy-${name}.report-R-ns.txt.gz`))
    expect(compareWithReport(r.events, ns.events, { digits: 9, info: 'raw', formats: r.layout.formats })).toEqual([])
  })

  it('matches the corpus report: sched_switch, thermal, cdev and trace_printk (bprint) text', async () => {
    const report = parseReport(text(`${TRAPPY}generated-trace-cmd-3.1.6/tests/${name}.dat.report.txt`))
    const src = await openFileSource(`${TRAPPY}tests/${name}.dat`)
    const printk = await readPrintkFormats(src, r.layout)
    await src.close()
    const { kernelLongSize: longSize, littleEndian } = r.meta
    const options = { digits: 6, info: 'formatted', formattedNames: FORMATTED, kallsyms: r.kallsyms, printk, longSize, littleEndian } as const
    expect(compareWithReport(r.events, report.events, options)).toEqual([])
  })

  it('matches report -l -t: latency flags', () => {
    const report = parseReport(gunzipText(`${FIXTURES}trappy-${name}.report-l-ns.txt.gz`))
    expect(compareWithReport(r.events, report.events, { digits: 9, info: 'none' })).toEqual([])
  })
})

describe.skipIf(!hasTraceCmd)('raw_trace.dat converted to v7/zstd by trace-cmd (idle CPUs, 64-bit ARM)', () => {
  it('reads the same events and spans as the v6 original', async () => {
    const path = tempPath('raw_trace.v7.dat')
    execFileSync('trace-cmd', ['convert', '--file-version', '7', '--compression', 'zstd', '-i', `${TRAPPY}tests/raw_trace.dat`, '-o', path], { stdio: 'ignore' })
    const [v6, v7] = [await readPath(`${TRAPPY}tests/raw_trace.dat`), await readPath(path)]
    expect(v7.meta).toMatchObject({ version: 7, compression: { name: 'zstd' } })
    expect(v7.events).toEqual(v6.events)
    const withData = v6.meta.cpuData.filter((c) => c.bytes > 0)
    expect(v7.meta.cpuData.map((c) => [c.cpu, c.firstTs, c.lastTs])).toEqual(withData.map((c) => [c.cpu, c.firstTs, c.lastTs]))
  })
})

describe('the comparison can fail', () => {
  it('reports a 1 ns shift, a changed field, a changed flag and a missing event', async () => {
    const r = await readPath(`${TRAPPY}tests/raw_trace.dat`)
    const report = parseReport(gunzipText(`${FIXTURES}trappy-raw_trace.report-R-ns.txt.gz`)).events
    const latency = parseReport(gunzipText(`${FIXTURES}trappy-raw_trace.report-l-ns.txt.gz`)).events
    const events = r.events.map((e) => ({ ...e, fields: { ...e.fields } }))
    events[3]!.ts = Number(events[3]!.ts) + 1
    events[5]!.fields.next_pid = 1
    events[7]!.flags ^= 1
    const raw = compareWithReport(events, report, { digits: 9, info: 'raw', formats: r.layout.formats })
    expect(raw.join('\n')).toMatch(/event 3: .*vs report/)
    expect(raw.join('\n')).toMatch(/event 5 .*next_pid: 1 vs/)
    expect(compareWithReport(events, latency, { digits: 9, info: 'none' }).join('\n')).toMatch(/event 7: flags/)
    expect(compareWithReport(events.slice(1), report, { digits: 9, info: 'none' })[0]).toMatch(/756 events read, 757 in the report/)
  })
})

describe('overflow.dat: a 128 KB/CPU instance buffer overwritten under stress-ng --switch', () => {
  let r: ReadResult
  const BUFFER = 'tracedat-overflow'
  beforeAll(async () => {
    r = await readPath(`${FIXTURES}overflow.dat`)
  })

  it('gives the per-CPU overrun saved in the file: the per_cpu stats read after recording', () => {
    const stats = text(`${FIXTURES}overflow.per_cpu-stats.txt`)
    const overrun = [...stats.matchAll(/^overrun: (\d+)$/gm)].map((m) => Number(m[1]))
    expect(overrun).toEqual([1480891, 1629381])
    expect(r.meta.cpuData.map((c) => c.overrun)).toEqual(overrun)
    expect(r.meta.cpuData.map((c) => c.droppedEvents)).toEqual([0, 0])
    // The loss the kernel could count on CPU 0's first page is the whole overrun.
    expect(r.lost.find((l) => l.cpu === 0)?.count).toBe(overrun[0])
  })

  it('reads the instance buffer (the top buffer is empty)', () => {
    expect(r.meta.buffer).toBe(BUFFER)
    expect(r.meta.buffers).toEqual(['', BUFFER])
    // per_cpu stats: entries 2634 + 2656
    expect(r.events.length).toBe(2634 + 2656)
  })

  it('gives the lost-events records trace-cmd prints, at the same place in the stream', async () => {
    const report = parseReport(gunzipText(`${FIXTURES}overflow.report-ns.txt.gz`), BUFFER)
    expect(report.dropped.length).toBeGreaterThan(0)
    const ours: { cpu: number; count: number | undefined; beforeEvent: number }[] = []
    let seen = 0
    for await (const rec of readTraceDat(bytesOf(`${FIXTURES}overflow.dat`))) {
      if (rec.kind === 'event') seen++
      else if (rec.kind === 'lost') ours.push({ cpu: rec.cpu, count: rec.count, beforeEvent: seen })
    }
    expect(ours).toEqual(report.dropped)
    // The stored count is the overrun of per_cpu/cpu0/stats; CPU 1's page had no room for it.
    expect(ours.find((l) => l.cpu === 0)?.count).toBe(1480891)
    expect(r.lost.map((l) => l.ts)).toEqual(ours.map((l) => r.events[l.beforeEvent]!.ts))
    expect(compareWithReport(r.events, report.events, { digits: 9, info: 'formatted', formattedNames: FORMATTED })).toEqual([])
  })

  it.skipIf(!hasTraceCmd)('reads the same from its v6 conversion, where the instance sits behind a BUFFER option', async () => {
    const path = tempPath('overflow.v6.dat')
    execFileSync('trace-cmd', ['convert', '--file-version', '6', '--compression', 'none', '-i', `${FIXTURES}overflow.dat`, '-o', path], { stdio: 'ignore' })
    const v6 = await readPath(path)
    expect(v6.meta).toMatchObject({ version: 6, buffer: BUFFER, buffers: ['', BUFFER] })
    expect(v6.events).toEqual(r.events)
    expect(v6.lost).toEqual(r.lost)
    expect(v6.meta.cpuData.map((c) => [c.firstTs, c.lastTs, c.overrun])).toEqual(r.meta.cpuData.map((c) => [c.firstTs, c.lastTs, c.overrun]))
  })

  it('matches report -R -t and -l -t', () => {
    const raw = parseReport(gunzipText(`${FIXTURES}overflow.report-R-ns.txt.gz`), BUFFER)
    expect(compareWithReport(r.events, raw.events, { digits: 9, info: 'raw', formats: r.layout.formats })).toEqual([])
    const latency = parseReport(gunzipText(`${FIXTURES}overflow.report-l-ns.txt.gz`), BUFFER)
    expect(compareWithReport(r.events, latency.events, { digits: 9, info: 'none' })).toEqual([])
  })
})

describe('edf-overload-small.dat (v7, trace_marker print events, SCHED_DEADLINE tasks)', () => {
  const EDF = `${REAL}/edf/`
  let r: ReadResult
  beforeAll(async () => {
    r = await readPath(`${EDF}edf-overload-small.dat`)
  })

  it('matches report -t, -R -t and -l -t event for event, marker text included', () => {
    const report = parseReport(gunzipText(`${EDF}edf-overload-small.report-ns.txt.gz`))
    expect(r.events.length).toBe(3662)
    expect(compareWithReport(r.events, report.events, { digits: 9, info: 'formatted', formattedNames: FORMATTED, kallsyms: r.kallsyms })).toEqual([])
    const raw = parseReport(gunzipText(`${FIXTURES}edf-overload-small.report-R-ns.txt.gz`))
    expect(compareWithReport(r.events, raw.events, { digits: 9, info: 'raw', formats: r.layout.formats, kallsyms: r.kallsyms })).toEqual([])
    const latency = parseReport(gunzipText(`${FIXTURES}edf-overload-small.report-l-ns.txt.gz`))
    expect(compareWithReport(r.events, latency.events, { digits: 9, info: 'none' })).toEqual([])
  })

  it('keeps the marker text as written, newline included', () => {
    const marks = r.events.filter((e) => e.name === 'print')
    expect(marks).toHaveLength(760)
    expect(marks[0]!.fields.buf).toBe('edf: dl_p job=0 release=1730129081278 deadline=1730137081278\n')
    expect(r.kallsyms?.lookup(BigInt(marks[0]!.fields.ip as bigint))).toEqual({ name: 'tracing_mark_write', offset: 138, module: undefined })
  })
})

describe('wide-mix.dat: 85 event types (ext4, block, writeback, kmem, timer, rcu, syscalls, ...)', () => {
  it('matches report -R -t (every field value) and -l -t (latency flags)', async () => {
    const r = await readPath(`${FIXTURES}wide-mix.dat`)
    const src = await openFileSource(`${FIXTURES}wide-mix.dat`)
    const printk = await readPrintkFormats(src, r.layout)
    await src.close()
    expect(r.events.length).toBe(12110 + 13569) // per_cpu stats entries
    expect(r.meta.warnings).toEqual([])
    const raw = parseReport(gunzipText(`${FIXTURES}wide-mix.report-R-ns.txt.gz`), 'tracedat-wide')
    expect(compareWithReport(r.events, raw.events, { digits: 9, info: 'raw', formats: r.layout.formats, kallsyms: r.kallsyms, printk })).toEqual([])
    const latency = parseReport(gunzipText(`${FIXTURES}wide-mix.report-l-ns.txt.gz`), 'tracedat-wide')
    expect(compareWithReport(r.events, latency.events, { digits: 9, info: 'none' })).toEqual([])
    expect(new Set(r.events.map((e) => e.name)).size).toBe(85)
  })

  it('matches report -t text for kmem, timer and hrtimer events (gfp and timer flags from the print fmt tables)', async () => {
    const r = await readPath(`${FIXTURES}wide-mix.dat`)
    const report = parseReport(gunzipText(`${FIXTURES}wide-mix.report-ns.txt.gz`), 'tracedat-wide')
    const names = new Set(['kmalloc', 'kfree', 'mm_page_alloc', 'mm_page_free', 'hrtimer_start', 'hrtimer_cancel', 'hrtimer_setup',
      'hrtimer_expire_entry', 'hrtimer_expire_exit', 'timer_init', 'timer_cancel', 'timer_expire_entry', 'timer_expire_exit', 'sched_switch'])
    const options = { digits: 9, info: 'formatted', formattedNames: names, kallsyms: r.kallsyms, formats: r.layout.formats } as const
    expect(compareWithReport(r.events, report.events, options)).toEqual([])
    expect(r.events.filter((e) => names.has(e.name)).length).toBe(report.events.filter((l) => names.has(l.name)).length)
    expect(report.events.filter((l) => names.has(l.name)).length).toBe(5578)
    // timer_start: equal up to the flags, which trace-cmd 3.1.6 misprints (fixtures README).
    const starts = r.events.flatMap((e, i) => (e.name === 'timer_start' ? [[e, report.events[i]!] as const] : []))
    expect(starts).toHaveLength(188)
    const cut = (s: string) => s.replace(/ flags=\S*$/, '')
    const { formatLikeReport } = await import('./format-like-report.js')
    for (const [e, line] of starts) expect(cut(formatLikeReport(e, { symbolize: (a) => r.kallsyms?.lookup(a), formats: r.layout.formats }))).toBe(cut(line.info))
  })
})
