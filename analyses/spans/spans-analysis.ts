// `exotrace analyze INPUT spans --span NAME` (or --begin/--end/--key): the latency
// distribution of a span, overall and per group, with what could not be paired counted.
import type { Analysis, Coverage } from '../analysis.js'
import { distributionReport, type DistributionReport } from '../latency/distribution-report.js'
import type { Segment } from '../segment.js'
import { mergeHistograms } from '../stats/merge-histograms.js'
import type { SyscallArch } from '../syscall-names/syscall-name.js'
import { BUILTIN_SPANS, type BuiltinSpan } from './builtin-spans.js'
import { customSpanNeeds, foldCustomSpan, type CustomSpanSpec } from './custom-span.js'
import { createPairing, mergePairings, unmatchedCounts, type Pairing, type UnmatchedCounts } from './span-pairing.js'
import { createSpanStats, mergeSpanStats, type GroupStats, type SpanStats } from './span-stats.js'

export interface SpansParams {
  /** a built-in span name, or 'custom' with `custom` set */
  span: string
  custom?: CustomSpanSpec
  arch?: SyscallArch
  /** histogram relative error, default 0.001 */
  relativeError?: number
}

export interface SpansAcc {
  pairing: Pairing
  stats: SpanStats
}

export interface GroupReport {
  group: string
  count: number
  errors: number
  total_ns: number
  min_ns: number
  mean_ns: number
  max_ns: number
  max_at_ns: number
  stddev_ns: number
}

export interface SpansResult {
  span: string
  description: string
  unit: 'ns'
  coverage: Coverage
  spans: number
  unmatched: UnmatchedCounts
  distribution: DistributionReport
  /** one distribution per histogram group (per syscall, per irq, per function...) */
  distributions: Record<string, DistributionReport>
  groups: GroupReport[]
}

export function builtinSpan(name: string): BuiltinSpan | undefined {
  return BUILTIN_SPANS.find((s) => s.name === name)
}

export function groupReport(group: string, g: GroupStats): GroupReport {
  return {
    group, count: g.count, errors: g.errors, total_ns: g.totalNs, min_ns: g.minNs, mean_ns: g.totalNs / g.count,
    max_ns: g.maxNs, max_at_ns: g.maxAtNs, stddev_ns: Math.sqrt(g.m2 / g.count),
  }
}

export const spansAnalysis: Analysis<SpansParams, SpansAcc, SpansResult> = {
  name: 'spans',
  description: 'latency distribution of a span paired by key: syscall, irq, softirq, hrtimer, wakeup, funcgraph, or --begin/--end/--key',
  tables: ['syscall', 'irq', 'timer', 'func_call', 'sched_wakeup', 'sched_switch', 'event'],
  needs: (p) => (p.custom ? customSpanNeeds(p.custom) : builtinSpan(p.span)!.needs),
  init: (p) => ({ pairing: createPairing(), stats: createSpanStats({ relativeErrorMax: p.relativeError ?? 0.001 }) }),
  add(acc: SpansAcc, s: Segment, p: SpansParams): SpansAcc {
    const ctx = { ...acc, arch: p.arch ?? 'x86_64' }
    if (p.custom) foldCustomSpan(s, p.custom, ctx)
    else builtinSpan(p.span)!.fold(s, ctx)
    return acc
  },
  merge(a, b) {
    const stats = mergeSpanStats(a.stats, b.stats)
    return { stats, pairing: mergePairings(a.pairing, b.pairing, stats) }
  },
  finish(acc, p, coverage) {
    if (acc.stats.groups.size === 0) return null
    const all = [...acc.stats.histograms.values()].reduce((x, h) => mergeHistograms(x, h))
    const groups = [...acc.stats.groups].map(([g, st]) => groupReport(g, st)).sort((x, y) => y.total_ns - x.total_ns)
    return {
      span: p.custom ? `${p.custom.begin} -> ${p.custom.end}` : p.span,
      description: p.custom ? `custom span keyed by ${p.custom.key.join(',')}` : builtinSpan(p.span)!.description,
      unit: 'ns',
      coverage,
      spans: all.count,
      unmatched: unmatchedCounts(acc.pairing),
      distribution: distributionReport(all),
      distributions: Object.fromEntries([...acc.stats.histograms].map(([k, h]) => [k, distributionReport(h)])),
      groups,
    }
  },
}
