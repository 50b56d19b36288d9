// The spans exotrace knows by name: which rows begin and end them, what pairs them (the key),
// and how they are grouped. Keys are numbers where the key is numeric, for speed.
import type { RecordHint } from '../analysis.js'
import { dictColumn, int32Column, int64Column, rowsOf, u64KeyColumn, type Segment } from '../segment.js'
import { syscallName, type SyscallArch } from '../syscall-names/syscall-name.js'
import { walkSchedEvents } from '../sched-events.js'
import { beginSpan, endSpan, type Pairing } from './span-pairing.js'
import { recordSpan, type SpanStats } from './span-stats.js'

export interface SpanContext {
  pairing: Pairing
  stats: SpanStats
  arch: SyscallArch
}

export interface BuiltinSpan {
  name: string
  description: string
  tables: readonly ('syscall' | 'irq' | 'timer' | 'func_call' | 'sched_wakeup' | 'sched_switch')[]
  needs: RecordHint
  fold(s: Segment, ctx: SpanContext): void
}

const PERF_ALL = 'perf record -a'

/** sys_enter -> sys_exit of a thread; grouped per thread and syscall, one distribution per syscall. */
const syscall: BuiltinSpan = {
  name: 'syscall',
  description: 'system call duration, sys_enter to sys_exit of the same thread',
  tables: ['syscall'],
  needs: {
    events: ['raw_syscalls:sys_enter', 'raw_syscalls:sys_exit'],
    record: [`perf trace record -a -- sleep 10`, `${PERF_ALL} -e raw_syscalls:sys_enter,raw_syscalls:sys_exit -- sleep 10`,
      `bpftrace/trace-cmd: the raw_syscalls:sys_enter and raw_syscalls:sys_exit tracepoints`],
  },
  fold(s, { pairing, stats, arch }) {
    const t = s.tables.syscall
    if (t === undefined) return
    const ts = int64Column(t, 'ts')
    const tid = int32Column(t, 'tid')
    const phase = dictColumn(t, 'phase')
    const nr = int32Column(t, 'nr')
    const name = dictColumn(t, 'name')
    const ret = int64Column(t, 'ret')
    const enter = phase.strings.indexOf('enter')
    for (let r = 0; r < t.rows; r++) {
      const call = name.ids[r] >= 0 ? name.strings[name.ids[r]] : nr[r] >= 0 ? syscallName(arch, nr[r]) : ''
      if (phase.ids[r] === enter) beginSpan(pairing, tid[r], ts[r], call === '' ? '' : `${tid[r]}\t${call}`, call)
      // An exit without a syscall number (rt_sigreturn exits with NR -1) closes nothing: perf trace drops it too.
      else if (call !== '') endSpan(pairing, stats, tid[r], ts[r], `${tid[r]}\t${call}`, call, ret[r] < 0)
    }
  },
}

function irqLike(name: string, entry: string, exit: string, description: string, events: string[], keepFirst = false): BuiltinSpan {
  return {
    name,
    description,
    tables: ['irq'],
    needs: { events, record: [`${PERF_ALL} -e ${events.join(',')} -- sleep 10`] },
    fold(s, { pairing, stats }) {
      const t = s.tables.irq
      if (t === undefined) return
      const ts = int64Column(t, 'ts')
      const cpu = int32Column(t, 'cpu')
      const kind = dictColumn(t, 'kind')
      const irq = int32Column(t, 'irq')
      const label = dictColumn(t, 'name')
      const [b, e] = [kind.strings.indexOf(entry), kind.strings.indexOf(exit)]
      for (let r = 0; r < t.rows; r++) {
        const k = kind.ids[r]
        if (k !== b && k !== e) continue
        const key = cpu[r] * 65536 + irq[r]
        const group = label.ids[r] >= 0 ? `${irq[r]}:${label.strings[label.ids[r]]}` : String(irq[r])
        if (k === b) beginSpan(pairing, key, ts[r], group, group, keepFirst)
        else endSpan(pairing, stats, key, ts[r], '', '', false)
      }
    },
  }
}

/** hrtimer_expire_entry -> hrtimer_expire_exit of the same timer, grouped by callback. */
const hrtimer: BuiltinSpan = {
  name: 'hrtimer',
  description: 'hrtimer callback duration, hrtimer_expire_entry to hrtimer_expire_exit of the same timer',
  tables: ['timer'],
  needs: {
    events: ['timer:hrtimer_expire_entry', 'timer:hrtimer_expire_exit'],
    record: [`${PERF_ALL} -e timer:hrtimer_expire_entry,timer:hrtimer_expire_exit -- sleep 10`],
  },
  fold(s, { pairing, stats }) {
    const t = s.tables.timer
    if (t === undefined) return
    const ts = int64Column(t, 'ts')
    const kind = dictColumn(t, 'kind')
    const timer = u64KeyColumn(t, 'timer')
    const fn = dictColumn(t, 'function')
    const [b, e] = [kind.strings.indexOf('hrtimer_expire_entry'), kind.strings.indexOf('hrtimer_expire_exit')]
    for (let r = 0; r < t.rows; r++) {
      const k = kind.ids[r]
      const group = fn.ids[r] >= 0 ? fn.strings[fn.ids[r]] : ''
      if (k === b) beginSpan(pairing, timer[r], ts[r], group, group)
      else if (k === e) endSpan(pairing, stats, timer[r], ts[r], group, group, false)
    }
  },
}

/** Durations the function_graph tracer measured itself: no pairing needed. */
const funcgraph: BuiltinSpan = {
  name: 'funcgraph',
  description: 'function durations measured by the function_graph tracer, grouped by function',
  tables: ['func_call'],
  needs: {
    events: ['ftrace function_graph tracer output'],
    record: ['echo function_graph > /sys/kernel/tracing/current_tracer (with set_graph_function), then cat /sys/kernel/tracing/trace'],
  },
  fold(s, { stats }) {
    const t = s.tables.func_call
    if (t === undefined) return
    const ts = int64Column(t, 'ts')
    const fn = dictColumn(t, 'function')
    const d = int64Column(t, 'duration_ns')
    for (let r = 0; r < t.rows; r++) {
      if (Number.isNaN(d[r])) continue
      const name = fn.strings[fn.ids[r]]
      recordSpan(stats, name, name, ts[r], d[r], false)
    }
  },
}

/** sched_wakeup / wakeup_new of a task -> the sched_switch that runs it (the first wakeup counts, as perf sched does). */
const wakeup: BuiltinSpan = {
  name: 'wakeup',
  description: 'wakeup latency, sched_wakeup of a task to the context switch that runs it, grouped by task',
  tables: ['sched_wakeup', 'sched_switch'],
  needs: {
    events: ['sched:sched_wakeup', 'sched:sched_wakeup_new', 'sched:sched_switch'],
    record: [`${PERF_ALL} -e sched:sched_wakeup,sched:sched_wakeup_new,sched:sched_switch -- sleep 10`, 'perf sched record -- sleep 10'],
  },
  // Walked in input order (seq), as sched-latency walks them: a wakeup and the switch it
  // causes often print the same microsecond.
  fold(s, { pairing, stats }) {
    walkSchedEvents(s, {
      onWakeup(e) {
        if (e.kind !== 'waking' && !pairing.open.has(e.tid)) beginSpan(pairing, e.tid, e.tsNs, `${e.comm}:${e.tid}`, 'all')
      },
      onSwitch(e) {
        if (e.nextTid !== 0) endSpan(pairing, stats, e.nextTid, e.tsNs, `${e.nextComm}:${e.nextTid}`, 'all', false)
      },
    })
  },
}

export const BUILTIN_SPANS: readonly BuiltinSpan[] = [
  syscall,
  irqLike('irq', 'irq_entry', 'irq_exit', 'hard interrupt handler duration, irq_handler_entry to irq_handler_exit on the same CPU and irq',
    ['irq:irq_handler_entry', 'irq:irq_handler_exit']),
  irqLike('softirq', 'softirq_entry', 'softirq_exit', 'softirq duration, softirq_entry to softirq_exit on the same CPU and vector',
    ['irq:softirq_entry', 'irq:softirq_exit']),
  irqLike('softirq-latency', 'softirq_raise', 'softirq_entry',
    'softirq latency, softirq_raise to softirq_entry on the same CPU and vector (a raise while one is pending is coalesced, counted)',
    ['irq:softirq_raise', 'irq:softirq_entry'], true),
  hrtimer,
  wakeup,
  funcgraph,
]

export function rowsNeeded(s: Segment, span: BuiltinSpan): number {
  return span.tables.reduce((n, t) => n + rowsOf(s, t), 0)
}
