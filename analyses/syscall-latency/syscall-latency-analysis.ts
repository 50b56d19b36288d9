// `exotrace analyze INPUT syscall-latency`: per thread and syscall, calls, errors, total, min,
// avg, max and stddev (the table `perf trace -s` prints), plus each syscall's distribution.
import type { Analysis, Coverage } from '../analysis.js'
import { distributionReport, type DistributionReport } from '../latency/distribution-report.js'
import { dictColumn, int32Column, type Segment } from '../segment.js'
import { spansAnalysis, type SpansAcc, type SpansParams } from '../spans/spans-analysis.js'
import { unmatchedCounts, type UnmatchedCounts } from '../spans/span-pairing.js'
import type { GroupStats } from '../spans/span-stats.js'
import type { SyscallArch } from '../syscall-names/syscall-name.js'

export interface SyscallLatencyParams {
  arch?: SyscallArch
  relativeError?: number
}

export interface SyscallLatencyAcc {
  spans: SpansAcc
  /** tid -> comm, the last one the trace gave */
  comms: Map<number, string>
}

export interface SyscallRow {
  syscall: string
  calls: number
  errors: number
  total_ns: number
  min_ns: number
  avg_ns: number
  max_ns: number
  /** population standard deviation of the durations */
  stddev_ns: number
  /** what `perf trace -s` prints as stddev: the standard error of the mean, relative to it (%) */
  perf_rel_stddev_pct: number
}

export interface ThreadRow {
  comm: string
  tid: number
  syscalls: SyscallRow[]
}

export interface SyscallLatencyResult {
  unit: 'ns'
  coverage: Coverage
  arch: SyscallArch
  calls: number
  unmatched: UnmatchedCounts
  threads: ThreadRow[]
  distributions: Record<string, DistributionReport>
}

const spansParams = (p: SyscallLatencyParams): SpansParams => ({ span: 'syscall', arch: p.arch, relativeError: p.relativeError })

function row(syscall: string, g: GroupStats): SyscallRow {
  const avg = g.totalNs / g.count
  const sampleVariance = g.count > 1 ? g.m2 / (g.count - 1) : 0
  return {
    syscall, calls: g.count, errors: g.errors, total_ns: g.totalNs, min_ns: g.minNs, avg_ns: avg, max_ns: g.maxNs,
    stddev_ns: Math.sqrt(g.m2 / g.count),
    perf_rel_stddev_pct: avg > 0 ? (100 * Math.sqrt(sampleVariance / g.count)) / avg : 0,
  }
}

function statsOf(r: SyscallRow): GroupStats {
  return { count: r.calls, errors: r.errors, totalNs: r.total_ns, minNs: r.min_ns, maxNs: r.max_ns, maxAtNs: NaN, mean: r.avg_ns, m2: r.stddev_ns ** 2 * r.calls }
}

function collectComms(comms: Map<number, string>, s: Segment): void {
  const t = s.tables.task
  if (t === undefined) return
  const tid = int32Column(t, 'tid')
  const comm = dictColumn(t, 'comm')
  for (let r = 0; r < t.rows; r++) comms.set(tid[r], comm.strings[comm.ids[r]])
}

export const syscallLatencyAnalysis: Analysis<SyscallLatencyParams, SyscallLatencyAcc, SyscallLatencyResult> = {
  name: 'syscall-latency',
  description: 'per thread and syscall: calls, errors, total/min/avg/max/stddev (perf trace -s), and per-syscall distributions',
  tables: ['syscall', 'task'],
  needs: (p) => spansAnalysis.needs(spansParams(p)),
  init: (p) => ({ spans: spansAnalysis.init(spansParams(p)), comms: new Map() }),
  add(acc, s, p) {
    collectComms(acc.comms, s)
    spansAnalysis.add(acc.spans, s, spansParams(p))
    return acc
  },
  merge(a, b, p) {
    const comms = new Map(a.comms)
    for (const [k, v] of b.comms) comms.set(k, v)
    return { spans: spansAnalysis.merge(a.spans, b.spans, spansParams(p)), comms }
  },
  finish(acc, p, coverage) {
    const stats = acc.spans.stats
    if (stats.groups.size === 0) return null
    const byThread = new Map<number, SyscallRow[]>()
    let calls = 0
    for (const [key, g] of stats.groups) {
      const [tid, syscall] = key.split('\t')
      const list = byThread.get(Number(tid)) ?? []
      list.push(row(syscall, g))
      byThread.set(Number(tid), list)
      calls += g.count
    }
    // perf trace -s counts a sys_exit whose sys_enter is not in the trace (a fork or vfork
    // child's first return, a trace that starts mid-call) as a call of 0 ms; so do we, in the
    // per-thread table only: the distributions hold measured durations alone.
    for (const end of acc.spans.pairing.leadingEnds.values()) {
      const [tid, syscall] = end.group.split('\t')
      const list = byThread.get(Number(tid)) ?? []
      const known = list.find((r) => r.syscall === syscall)
      if (known) Object.assign(known, row(syscall, { ...statsOf(known), count: known.calls + 1, minNs: 0 }))
      else list.push({ ...row(syscall, { count: 1, errors: end.failed ? 1 : 0, totalNs: 0, minNs: 0, maxNs: 0, maxAtNs: end.tsNs, mean: 0, m2: 0 }) })
      byThread.set(Number(tid), list)
      calls++
    }
    const threads = [...byThread].map(([tid, rows]) => ({
      comm: acc.comms.get(tid) ?? '', tid, syscalls: rows.sort((x, y) => y.total_ns - x.total_ns || (x.syscall < y.syscall ? -1 : 1)),
    })).sort((x, y) => x.tid - y.tid)
    return {
      unit: 'ns', coverage, arch: p.arch ?? 'x86_64', calls, unmatched: unmatchedCounts(acc.spans.pairing), threads,
      distributions: Object.fromEntries([...stats.histograms].sort().map(([k, h]) => [k, distributionReport(h)])),
    }
  },
}
