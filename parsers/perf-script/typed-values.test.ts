// Bar 2: typed values equal the text, and aggregates equal what perf's own tools (perf trace -s,
// perf kmem stat) and the corpus's ground truth computed from the same recordings.
import { describe, expect, it } from 'vitest'
import { parsePerfScriptText } from './parse-perf-script-text.js'
import { columnValues, framesOf, rowsOf } from '../../tables/piece-table-values.js'
import { FIXTURES, REAL, readText } from '../../test/shared-paths.js'

const OURS = `${FIXTURES}/perf-script/`

const parse = (file: string) => parsePerfScriptText(readText(`${REAL}/${file}`))

describe('sched', () => {
  const out = parse('sched/hackbench-small.perf-script.txt.gz')

  it('sched_switch fields as printed', () => {
    // perf 14387 [000]  1246.206464: sched:sched_switch: prev_comm=perf prev_pid=14387 prev_prio=120 prev_state=D ==> next_comm=migration/0 next_pid=18 next_prio=0
    expect(rowsOf(out, 'sched_switch')[0]).toEqual({
      ts: 1246206464000, cpu: 0, tid: 14387, prev_comm: 'perf', prev_tid: 14387, prev_prio: 120, prev_state: 'D',
      next_comm: 'migration/0', next_tid: 18, next_prio: 0, stack_id: null,
    })
  })

  it('sched_wakeup, wakeup_new, migrate, fork', () => {
    expect(rowsOf(out, 'sched_wakeup')[0]).toEqual({
      ts: 1246206458000, cpu: 0, tid: 14387, kind: 'wakeup', comm: 'migration/0', wakee_tid: 18, prio: 0, target_cpu: 0, stack_id: null,
    })
    expect(columnValues(out, 'sched_wakeup', 'kind').filter((k) => k === 'wakeup_new').length).toBe(66)
    expect(rowsOf(out, 'sched_migrate')[0]).toEqual({
      ts: 1246206467000, cpu: 0, tid: 18, comm: 'perf', migrated_tid: 14387, prio: 120, orig_cpu: 0, dest_cpu: 1,
    })
    const forks = rowsOf(out, 'task').filter((r) => r.change === 'fork')
    expect(forks.length).toBe(66)
    expect(forks[0]).toEqual({ ts: 1246207598000, cpu: 0, tid: 14390, pid: null, comm: 'sh', change: 'fork', parent_tid: 14388 })
    expect(rowsOf(out, 'task').filter((r) => r.change === 'exit').length).toBe(67)
  })

  it('task rows: a tid first seen, with its comm', () => {
    const seen = rowsOf(out, 'task').filter((r) => r.change === 'seen')
    expect(seen[0]).toEqual({ ts: 1246206458000, cpu: 0, tid: 14387, pid: null, comm: 'perf', change: 'seen', parent_tid: null })
    expect(seen.some((r) => r.tid === 14388 && r.comm === 'sh')).toBe(true)
  })
})

it('rr: run time per thread from switch-in to switch-out (MANIFEST: 625.353 / 600.027 / 696.995 ms)', () => {
  const switches = rowsOf(parse('rr/rr-3threads-100ms.perf-script.txt'), 'sched_switch')
  const since = new Map<number, number>()
  const runMs = new Map<string, number>()
  for (const s of switches) {
    const prev = s.prev_tid as number
    if (since.has(prev)) {
      const name = s.prev_comm as string
      runMs.set(name, (runMs.get(name) ?? 0) + ((s.ts as number) - since.get(prev)!) / 1e6)
      since.delete(prev)
    }
    since.set(s.next_tid as number, s.ts as number)
  }
  expect(runMs.get('rrspin-0')!.toFixed(3)).toBe('625.353')
  expect(runMs.get('rrspin-1')!.toFixed(3)).toBe('600.027')
  expect(runMs.get('rrspin-2')!.toFixed(3)).toBe('696.995')
})

describe('syscalls', () => {
  const out = parse('syscalls/small-mix.perf-script.txt.gz')
  const rows = rowsOf(out, 'syscall')

  it('NR n (args) and NR n = ret', () => {
    // sh 14963 [001]  1348.176689: raw_syscalls:sys_enter: NR 12 (0, 7ffe3d6c78ac, 0, 37f, 0, 0)
    expect(rows[1]).toEqual({ ts: 1348176689000, cpu: 1, tid: 14963, phase: 'enter', nr: 12, name: null, ret: null,
      args: '0, 7ffe3d6c78ac, 0, 37f, 0, 0', stack_id: null })
    expect(rows[2]).toMatchObject({ phase: 'exit', nr: 12, ret: 94158694830080, args: null })
    expect(rows[6]).toMatchObject({ ts: 1348176882000, phase: 'exit', nr: 21, ret: -2 })
  })

  it('calls and errors per thread equal perf trace -s', () => {
    const exits = (tid: number, nr: number) => rows.filter((r) => r.phase === 'exit' && r.tid === tid && r.nr === nr)
    const calls = (tid: number, nr: number) => [exits(tid, nr).length, exits(tid, nr).filter((r) => (r.ret as number) < 0).length]
    expect(calls(14965, 0)).toEqual([803, 0]) // dd read
    expect(calls(14965, 1)).toEqual([803, 0]) // dd write
    expect(calls(14965, 257)).toEqual([35, 16]) // dd openat
    expect(calls(14963, 61)).toEqual([11, 5]) // sh wait4
    expect(calls(14963, 262)).toEqual([54, 45]) // sh newfstatat
  })
})

describe('kmem', () => {
  const rows = rowsOf(parse('kmem/frag4-hackbench.perf-script.txt.gz'), 'kmem')

  it('kmalloc, kmem_cache_alloc, mm_page_alloc as printed', () => {
    expect(rows[0]).toEqual({ ts: 2194885143000, cpu: 0, tid: 20103, kind: 'kmalloc', call_site: null, call_site_symbol: 'sched_setaffinity+0x10c',
      ptr: 0xffff88810a0e8380n, bytes_req: 32, bytes_alloc: 32, gfp_flags: 'GFP_KERNEL', node: -1,
      pfn: null, order: null, migratetype: null, cache: null })
    expect(rows[3]).toMatchObject({ kind: 'kmem_cache_alloc', cache: 'names_cache', bytes_req: 4096, gfp_flags: 'GFP_KERNEL' })
    expect(rows[15]).toMatchObject({ kind: 'mm_page_alloc', ptr: null, pfn: 0x2d6670n, order: 0, migratetype: 0,
      gfp_flags: 'GFP_HIGHUSER|__GFP_ACCOUNT' })
  })

  it('totals equal perf kmem --slab --page stat', () => {
    const slab = rows.filter((r) => r.kind === 'kmalloc' || r.kind === 'kmem_cache_alloc')
    expect(slab.reduce((s, r) => s + (r.bytes_req as number), 0)).toBe(5509859)
    expect(slab.reduce((s, r) => s + (r.bytes_alloc as number), 0)).toBe(5533488)
    const pages = rows.filter((r) => r.kind === 'mm_page_alloc')
    expect(pages.length).toBe(2131)
    expect(pages.reduce((s, r) => s + (4 << (r.order as number)), 0)).toBe(8524)
    expect(rows.filter((r) => r.kind === 'mm_page_free').length).toBe(2046)
  })
})

describe('irq and timers (--ns)', () => {
  const out = parse('irq/dd-cyclictest-small.perf-script-ns.txt.gz')

  it('rows as printed', () => {
    const irq = rowsOf(out, 'irq')
    expect(irq.find((r) => r.kind === 'irq_entry')).toEqual({ ts: 1498434137373, cpu: 1, tid: 15679, kind: 'irq_entry', irq: 36,
      name: 'virtio1-req.0', ret: null })
    expect(irq.find((r) => r.kind === 'irq_exit')).toMatchObject({ ts: 1498434142260, irq: 36, name: null, ret: 'handled' })
    expect(irq[0]).toMatchObject({ ts: 1498428017505, kind: 'softirq_raise', irq: 7, name: 'SCHED' })
    expect(rowsOf(out, 'timer')[0]).toEqual({ ts: 1498428012568, cpu: 1, tid: 15679, kind: 'hrtimer_expire_entry',
      timer: 0xffff888627d1c6f8n, function: 'tick_nohz_handler', expires_ns: null, softexpires_ns: null,
      now_ns: 1498428008091, mode: null })
  })

  it('irq 36 handler durations equal irqstats.txt (1600 runs, total 3373100, min 1883, max 14441 ns)', () => {
    const open = new Map<number, number>()
    const durations: number[] = []
    for (const r of rowsOf(out, 'irq')) {
      if (r.irq !== 36) continue
      if (r.kind === 'irq_entry') open.set(r.cpu as number, r.ts as number)
      if (r.kind === 'irq_exit' && open.has(r.cpu as number)) {
        durations.push((r.ts as number) - open.get(r.cpu as number)!)
        open.delete(r.cpu as number)
      }
    }
    expect(durations.length).toBe(1600)
    expect(durations.reduce((a, b) => a + b, 0)).toBe(3373100)
    expect(Math.min(...durations)).toBe(1883)
    expect(Math.max(...durations)).toBe(14441)
  })
})

describe('samples', () => {
  it('-F comm,tid,time,period,ip,sym,symoff,dso --ns: ns time, period, frames with offset and dso', () => {
    const out = parse('cpu/hotspots-small.perf-script-F2-ns.txt.gz')
    const s = rowsOf(out, 'sample')[1]
    expect(s).toMatchObject({ ts: 1311886594380, cpu: null, tid: 14770, pid: null, comm: 'hotspots', event: '[unknown]', period: 1001001 })
    const leaf = framesOf(out, s.stack_id as number)
    expect(leaf).toEqual(['125a hot_matrix+0x69 (/usr/local/bin/hotspots)', '13bd phase_compute+0x38 (/usr/local/bin/hotspots)',
      '1519 worker+0x10b (/usr/local/bin/hotspots)', '891f5 start_thread+0x305 (/usr/lib/x86_64-linux-gnu/libc.so.6)'])
    const frame = rowsOf(out, 'frame').find((f) => f.symbol === 'hot_matrix' && f.offset === 0x69)
    expect(frame).toEqual({ id: expect.any(Number), addr: 0x125an, symbol: 'hot_matrix', offset: 0x69,
      dso: '/usr/local/bin/hotspots', inlined: 0 })
  })

  it('-F comm,pid,tid,cpu,time,event,ip,sym,dso: pid/tid, no period, no offset', () => {
    const out = parse('cpu/hotspots-small.perf-script-F1.txt.gz')
    expect(rowsOf(out, 'sample')[1]).toMatchObject({ ts: 1311886594000, cpu: 0, tid: 14770, pid: 14768, event: 'cpu-clock:ppp', period: null })
    expect(rowsOf(out, 'frame').find((f) => f.symbol === 'hot_matrix')).toMatchObject({ offset: null, dso: '/usr/local/bin/hotspots' })
  })
})

describe('syscalls:sys_*, timer:*, sched_process_exec (fixtures/perf-script/misc)', () => {
  const out = parsePerfScriptText(readText(`${OURS}/misc.perf-script.txt.gz`))
  const text = readText(`${OURS}/misc.perf-script.txt.gz`).toString()

  it('named syscalls: name from the event, hex return values as signed numbers, args as printed', () => {
    const rows = rowsOf(out, 'syscall')
    expect(rows.length).toBe(975 + 976 + 151 + 151) // misc.event-counts.txt
    expect(rows.find((r) => r.phase === 'enter' && r.name === 'openat')).toMatchObject({ ts: 1732411869000, tid: 2101, nr: null,
      args: 'dfd: 0xffffff9c, filename: 0x7ffc40b089c0, flags: 0x00000000, mode: 0x00000000', ret: null })
    expect(rows.find((r) => r.phase === 'exit' && r.name === 'read')).toMatchObject({ ts: 1732411899000, ret: 0x582 })
    // every 0xfffffffffffffffe (-ENOENT) in the text is a -2
    const enoent = text.split('\n').filter((l) => /sys_exit_openat: 0xfffffffffffffffe$/.test(l)).length
    expect(enoent).toBeGreaterThan(0)
    expect(rows.filter((r) => r.name === 'openat' && r.ret === -2).length).toBe(enoent)
  })

  it('timers: hrtimer_start with a field the layout does not know, timer_* in jiffies', () => {
    const timers = rowsOf(out, 'timer')
    expect(timers.find((t) => t.kind === 'hrtimer_start')).toEqual({ ts: 1732411743000, cpu: 0, tid: 0, kind: 'hrtimer_start',
      timer: 0xffff888627c1c6f8n, function: 'tick_nohz_handler', expires_ns: 1732472000000, softexpires_ns: 1732472000000,
      now_ns: null, mode: '0xa' })
    expect(timers.find((t) => t.kind === 'hrtimer_setup')).toMatchObject({ timer: 0xffff888104fc0220n, mode: '0x9' })
    expect(timers.find((t) => t.kind === 'timer_start')).toMatchObject({ timer: 0xffffc9000007fdf8n, function: 'process_timeout',
      expires_ns: null, now_ns: null })
    expect(columnValues(out, 'event', 'name')).toEqual(expect.arrayContaining(['timer:timer_base_idle', 'timer:tick_stop']))
    expect(out.unparsed.count).toBe(0)
  })

  it('sched_process_exec: a task row with the new comm', () => {
    expect(rowsOf(out, 'task').filter((t) => t.change === 'exec')[0]).toEqual({ ts: 1732412834000, cpu: 0, tid: 2103, pid: null,
      comm: 'sh', change: 'exec', parent_tid: null })
  })
})

it('a tracepoint recorded with -g: its typed row and its sample row share the stack', () => {
  const out = parsePerfScriptText(readText(`${OURS}/tp-g.perf-script.txt.gz`))
  const switchStacks = columnValues(out, 'sched_switch', 'stack_id')
  expect(switchStacks.every((s) => s !== null)).toBe(true)
  const samples = rowsOf(out, 'sample').filter((s) => s.event === 'sched:sched_switch')
  expect(samples.map((s) => s.stack_id)).toEqual(switchStacks)
  expect(samples[0].period).toBe(null) // perf script prints no period for tracepoints by default
})

it('--show-task-events: PERF_RECORD_FORK/EXIT/COMM as task rows (perf report --stats: FORK 184, EXIT 95, COMM 101)', () => {
  const tasks = rowsOf(parsePerfScriptText(readText(`${OURS}/tasks.perf-script.txt.gz`)), 'task')
  const forks = tasks.filter((t) => t.change === 'fork')
  expect(forks.length).toBe(184)
  expect(tasks.filter((t) => t.change === 'exit').length).toBe(95)
  expect(tasks.filter((t) => t.change === 'exec' || t.change === 'rename').length).toBe(101)
  // hackbench  9674 [001]   400.935514: PERF_RECORD_COMM exec: hackbench:9674/9674
  expect(tasks.find((t) => t.change === 'exec')).toEqual({ ts: 400935514000, cpu: 1, tid: 9674, pid: 9674, comm: 'hackbench',
    change: 'exec', parent_tid: null })
  // PERF_RECORD_FORK(9672:9675):(9672:9672): a thread of perf
  expect(forks.find((t) => t.tid === 9675)).toMatchObject({ pid: 9672, parent_tid: 9672 })
})
