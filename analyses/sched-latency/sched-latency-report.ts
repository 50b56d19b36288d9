// The sched-latency result: per task and per command (perf sched latency's two views), the
// delay distribution, and switch rates, every figure with its unit in its name.
import type { Coverage } from '../analysis.js'
import { distributionReport, type DistributionReport } from '../latency/distribution-report.js'
import type { LogLinearHistogram } from '../stats/histogram-types.js'
import type { SchedLatencyAcc } from './sched-latency-analysis.js'
import type { TaskLatency } from './task-latency-state.js'

export interface TaskRow {
  comm: string
  tid: number
  /** from switch-in to switch-out; perf sched latency's Runtime column instead sums sched_stat_runtime events */
  runtime_ns: number
  switches: number
  avg_delay_ns: number
  max_delay_ns: number
  max_delay_start_ns: number | null
  max_delay_end_ns: number | null
  migrations: number
  unordered_wakeups: number
}

export interface CommRow {
  comm: string
  tasks: number
  runtime_ns: number
  switches: number
  avg_delay_ns: number
  max_delay_ns: number
  max_delay_start_ns: number | null
  max_delay_end_ns: number | null
}

export interface CpuSwitchRate {
  cpu: number
  /** [second of the trace clock, context switches in it] */
  per_second: [number, number][]
  max_per_second: number
  mean_per_second: number
}

export interface SchedLatencyResult {
  unit: 'ns'
  coverage: Coverage
  tasks: TaskRow[]
  by_comm: CommRow[]
  delay: DistributionReport
  switch_rate: CpuSwitchRate[]
  total: { switches: number; switch_events: number; wakeup_events: number; migrations: number }
}

function bySeverity<T extends { avg_delay_ns: number; max_delay_ns: number; switches: number }>(x: T, y: T): number {
  return y.avg_delay_ns - x.avg_delay_ns || y.max_delay_ns - x.max_delay_ns || y.switches - x.switches
}

export function latencyReport(tasks: Map<number, TaskLatency>, acc: SchedLatencyAcc, delays: LogLinearHistogram, coverage: Coverage): SchedLatencyResult {
  const rows: TaskRow[] = []
  for (const [tid, t] of tasks) {
    if (t.switches === 0) continue
    const hasMax = Number.isFinite(t.maxDelayEndNs)
    rows.push({
      comm: acc.comms.get(tid) ?? '', tid, runtime_ns: t.runtimeNs, switches: t.switches,
      avg_delay_ns: t.totalDelayNs / t.switches, max_delay_ns: t.maxDelayNs,
      max_delay_start_ns: hasMax ? t.maxDelayEndNs - t.maxDelayNs : null, max_delay_end_ns: hasMax ? t.maxDelayEndNs : null,
      migrations: acc.migrations.get(tid) ?? 0, unordered_wakeups: t.unordered,
    })
  }
  rows.sort((x, y) => bySeverity(x, y) || x.tid - y.tid)
  const comms = new Map<string, CommRow & { totalDelayNs: number }>()
  for (const r of rows) {
    const c = comms.get(r.comm) ?? { comm: r.comm, tasks: 0, runtime_ns: 0, switches: 0, avg_delay_ns: 0, max_delay_ns: -1, max_delay_start_ns: null, max_delay_end_ns: null, totalDelayNs: 0 }
    c.tasks++
    c.runtime_ns += r.runtime_ns
    c.switches += r.switches
    c.totalDelayNs += r.avg_delay_ns * r.switches
    if (r.max_delay_ns > c.max_delay_ns) Object.assign(c, { max_delay_ns: r.max_delay_ns, max_delay_start_ns: r.max_delay_start_ns, max_delay_end_ns: r.max_delay_end_ns })
    comms.set(r.comm, c)
  }
  const byComm = [...comms.values()].map(({ totalDelayNs, ...c }) => ({ ...c, avg_delay_ns: totalDelayNs / c.switches }))
    .sort((x, y) => bySeverity(x, y) || (x.comm < y.comm ? -1 : 1))
  const switchRate = [...acc.switchesPerSecond].sort((x, y) => x[0] - y[0]).map(([cpu, m]) => {
    const perSecond = [...m].sort((x, y) => x[0] - y[0])
    const counts = perSecond.map(([, n]) => n)
    return { cpu, per_second: perSecond, max_per_second: Math.max(...counts), mean_per_second: counts.reduce((x, y) => x + y, 0) / counts.length }
  })
  let migrations = 0
  for (const n of acc.migrations.values()) migrations += n
  return {
    unit: 'ns', coverage, tasks: rows, by_comm: byComm, delay: distributionReport(delays), switch_rate: switchRate,
    total: { switches: rows.reduce((n, r) => n + r.switches, 0), switch_events: acc.switchEvents, wakeup_events: acc.wakeupEvents, migrations },
  }
}
