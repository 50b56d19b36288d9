// The time windows of a span's slowest instances (`exotrace fold --tail wakeup`): every span,
// paired exactly as the spans analysis pairs it (same built-in folds, same cross-segment
// merge), whose duration reaches a threshold found by a first pass (its p99 by default).
// Windows are [begin, end] pairs in ns, sorted by begin, for the fold to keep only the samples
// taken inside one: what the system did while the outliers waited.
//
// The spans code reports completed spans only into per-group statistics (`recordSpan`); here
// each lookup of a group gets a fresh record, so after a fold every record holds one span:
// its begin (`maxAtNs`) and duration (`maxNs`).
import type { Analysis } from '../analysis.js'
import type { Segment } from '../segment.js'
import { BUILTIN_SPANS } from '../spans/builtin-spans.js'
import { foldCustomSpan, type CustomSpanSpec } from '../spans/custom-span.js'
import { createPairing, mergePairings, type Pairing } from '../spans/span-pairing.js'
import { createSpanStats, type GroupStats, type SpanStats } from '../spans/span-stats.js'
import type { SyscallArch } from '../syscall-names/syscall-name.js'

export interface TailWindowsParams {
  /** a built-in span name, or 'custom' with `custom` set (as the spans analysis takes them) */
  span: string
  custom?: CustomSpanSpec
  arch?: SyscallArch
  /** spans at least this long are kept */
  thresholdNs: number
}

export interface TailWindowsAcc {
  pairing: Pairing
  /** begin, end, begin, end ... in ns, in the order found */
  windowsNs: number[]
}

/** Every group lookup makes a new record, kept in `records`. */
class OneSpanPerRecord extends Map<string, GroupStats> {
  readonly records: GroupStats[] = []
  override get(): GroupStats {
    const g: GroupStats = { count: 0, errors: 0, totalNs: 0, minNs: Infinity, maxNs: -Infinity, maxAtNs: NaN, mean: 0, m2: 0 }
    this.records.push(g)
    return g
  }
}

/** Runs `record(stats)` and appends the windows of the spans it completed that reach the threshold. */
function collectWindows(into: number[], thresholdNs: number, record: (stats: SpanStats) => void): void {
  const groups = new OneSpanPerRecord()
  const stats: SpanStats = { ...createSpanStats(), groups }
  record(stats)
  for (const g of groups.records) {
    if (g.count === 1 && g.maxNs >= thresholdNs) into.push(g.maxAtNs, g.maxAtNs + g.maxNs)
  }
}

function foldSpan(segment: Segment, p: TailWindowsParams, pairing: Pairing, stats: SpanStats): void {
  const ctx = { pairing, stats, arch: p.arch ?? 'x86_64' as SyscallArch }
  if (p.custom) foldCustomSpan(segment, p.custom, ctx)
  else {
    const span = BUILTIN_SPANS.find((s) => s.name === p.span)
    if (span === undefined) throw new Error(`internal: tail-windows: unknown span ${p.span}`)
    span.fold(segment, ctx)
  }
}

/** Windows sorted by begin (flattened pairs). */
export function sortedWindows(windowsNs: readonly number[]): number[] {
  const order = Array.from({ length: windowsNs.length / 2 }, (_, i) => i).sort((a, b) => windowsNs[2 * a] - windowsNs[2 * b])
  return order.flatMap((i) => [windowsNs[2 * i], windowsNs[2 * i + 1]])
}

export const tailWindowsAnalysis: Analysis<TailWindowsParams, TailWindowsAcc, number[]> = {
  name: 'tail-windows',
  description: 'time windows of the spans at least as long as a threshold (for fold --tail)',
  tables: ['syscall', 'irq', 'timer', 'func_call', 'sched_wakeup', 'sched_switch', 'event'],
  needs: (p) => BUILTIN_SPANS.find((s) => s.name === p.span)?.needs ?? { events: [], record: [] },
  init: () => ({ pairing: createPairing(), windowsNs: [] }),
  add(acc, segment, p) {
    collectWindows(acc.windowsNs, p.thresholdNs, (stats) => foldSpan(segment, p, acc.pairing, stats))
    return acc
  },
  merge(a, b, p) {
    let pairing = a.pairing
    collectWindows(a.windowsNs, p.thresholdNs, (stats) => { pairing = mergePairings(a.pairing, b.pairing, stats) })
    for (const x of b.windowsNs) a.windowsNs.push(x)
    return { pairing, windowsNs: a.windowsNs }
  },
  finish: (acc) => sortedWindows(acc.windowsNs),
}
