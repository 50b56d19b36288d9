// Terminal views of analysis results, in the shape of the tools users know (perf sched
// latency, perf trace -s). `--json` prints the results as they are instead.
import type { EdfResult } from '../../analyses/edf/edf-report.js'
import type { FairnessResult } from '../../analyses/fairness/fairness-analysis.js'
import type { FragmentationResult } from '../../analyses/fragmentation/fragmentation-report.js'
import type { SchedLatencyResult } from '../../analyses/sched-latency/sched-latency-report.js'
import type { SpansResult } from '../../analyses/spans/spans-analysis.js'
import type { SyscallLatencyResult } from '../../analyses/syscall-latency/syscall-latency-analysis.js'
import { formatCount, formatDurationNs, formatTimestampNs } from './format-units.js'
import { renderDistribution } from './render-distribution.js'

const ms = (ns: number): string => (ns / 1e6).toFixed(3)

function schedLatency(r: SchedLatencyResult): string {
  const lines = [' Task                  |   Runtime ms  | Switches | Avg delay ms    | Max delay ms    | Max delay start      | Max delay end']
  for (const t of r.tasks) {
    lines.push(` ${`${t.comm}:${t.tid}`.padEnd(22)}|${ms(t.runtime_ns).padStart(11)} ms |${String(t.switches).padStart(9)} | avg:${ms(t.avg_delay_ns).padStart(9)} ms | max:${ms(t.max_delay_ns).padStart(9)} ms | ` +
      `${t.max_delay_start_ns === null ? '-' : formatTimestampNs(t.max_delay_start_ns)} s | ${t.max_delay_end_ns === null ? '-' : formatTimestampNs(t.max_delay_end_ns)} s`)
  }
  lines.push(` TOTAL: ${formatCount(r.total.switches)} switches, ${formatCount(r.total.migrations)} migrations`, '')
  for (const c of r.switch_rate) lines.push(` CPU ${c.cpu}: ${c.mean_per_second.toFixed(1)} context switches/s on average, ${c.max_per_second} in the busiest second`)
  lines.push('', renderDistribution('wakeup/preemption to run delay', r.delay))
  return lines.join('\n')
}

function syscallLatency(r: SyscallLatencyResult): string {
  const lines = [' Summary of syscalls (durations in ms):']
  for (const t of r.threads) {
    lines.push('', ` ${t.comm} (${t.tid})`, '   syscall            calls  errors     total       min       avg       max   stddev(%)')
    for (const s of t.syscalls) {
      lines.push(`   ${s.syscall.padEnd(15)} ${String(s.calls).padStart(8)} ${String(s.errors).padStart(7)} ${ms(s.total_ns).padStart(9)} ${ms(s.min_ns).padStart(9)} ` +
        `${ms(s.avg_ns).padStart(9)} ${ms(s.max_ns).padStart(9)} ${s.perf_rel_stddev_pct.toFixed(2).padStart(10)}%`)
    }
  }
  lines.push('', ` ${formatCount(r.calls)} calls; unmatched: ${r.unmatched.begins_without_end} enters without exit, ${r.unmatched.ends_without_begin} exits without enter`)
  return lines.join('\n')
}

function spans(r: SpansResult): string {
  const lines = [renderDistribution(`${r.span} (${r.description})`, r.distribution), '', '   group                                  count       total         min        mean         max']
  for (const g of r.groups.slice(0, 40)) {
    lines.push(`   ${g.group.replace('\t', ' ').padEnd(36)} ${String(g.count).padStart(8)} ${formatDurationNs(g.total_ns).padStart(11)} ${formatDurationNs(g.min_ns).padStart(11)} ` +
      `${formatDurationNs(g.mean_ns).padStart(11)} ${formatDurationNs(g.max_ns).padStart(11)}`)
  }
  if (r.groups.length > 40) lines.push(`   ... ${r.groups.length - 40} more groups in --json`)
  lines.push('', ` unmatched: ${r.unmatched.begins_without_end} begins without end, ${r.unmatched.ends_without_begin} ends without begin`)
  return lines.join('\n')
}

function edf(r: EdfResult): string {
  const ms3 = (ns: number | null): string => (ns === null ? '-' : ms(ns))
  const lines = [' Task                  |  C / D / T ms           | Jobs | Misses | Miss %  | Max lateness ms | Max response ms | Util %']
  for (const t of r.tasks) {
    lines.push(` ${`${t.comm}:${t.tid}`.padEnd(22)}| ${`${ms3(t.runtime_ns)} / ${ms3(t.deadline_ns)} / ${ms3(t.period_ns)}`.padEnd(24)}|${String(t.jobs).padStart(5)} |${String(t.misses).padStart(7)} |` +
      `${(t.miss_rate_pct ?? 0).toFixed(3).padStart(8)} |${ms3(t.max_lateness_ns).padStart(16)} |${ms3(t.max_response_ns).padStart(16)} |${(t.utilization_pct ?? 0).toFixed(1).padStart(7)}`)
  }
  const x = r.total
  lines.push('', ` TOTAL: ${formatCount(x.jobs)} jobs, ${formatCount(x.misses)} misses (${(x.miss_rate_pct ?? 0).toFixed(3)} %), max lateness ${x.max_lateness_ns === null ? '-' : formatDurationNs(x.max_lateness_ns)}`,
    ` load on ${x.cpus} CPUs: declared ${x.declared_load_pct.toFixed(1)} %, measured ${(x.measured_load_pct ?? 0).toFixed(1)} % (tasks), ${(x.cpu_busy_pct ?? 0).toFixed(1)} % busy (all tasks)`)
  return lines.join('\n')
}

function fairness(r: FairnessResult): string {
  const lines = [` Competing tasks (${r.selection.how}${r.selection.cpu === null ? '' : `: CPU ${r.selection.cpu}`}):`, '   task                       CPU time ms   slices   share %']
  for (const t of r.tasks) lines.push(`   ${`${t.comm}:${t.tid}`.padEnd(24)} ${ms(t.cpu_ns).padStart(13)} ${String(t.slices).padStart(8)} ${t.share_pct.toFixed(2).padStart(9)}`)
  const f = r.fairness
  if (f === null) return [...lines, '', ' fewer than two competing tasks: no fairness figures'].join('\n')
  lines.push('', ` ${formatCount(f.windows)} windows of ${f.window_slices} switches: CV of the shares ${f.mean_cv_pct.toFixed(3)} % on average (median ${f.p50_cv_pct.toFixed(3)} %, p99 ${f.p99_cv_pct.toFixed(3)} %), ${f.max_cv_pct.toFixed(3)} % at worst; ` +
    `Jain's index ${f.mean_jain_index.toFixed(4)} on average, ${f.min_jain_index.toFixed(4)} at worst`,
  ` worst window: ${formatTimestampNs(f.worst_start_ns)} s to ${formatTimestampNs(f.worst_end_ns)} s`)
  return lines.join('\n')
}

function fragmentation(r: FragmentationResult): string {
  const lines = [' Callsite                           | Total_alloc/Per | Total_req/Per   | Hit      | Ping-pong | Frag']
  for (const c of r.internal.call_sites.slice(0, 40)) {
    lines.push(` ${c.call_site.padEnd(35)}|${`${c.bytes_alloc}/${Math.round(c.bytes_alloc / c.hits)}`.padStart(16)} |${`${c.bytes_req}/${Math.round(c.bytes_req / c.hits)}`.padStart(16)} |` +
      `${String(c.hits).padStart(9)} |${String(c.pingpong).padStart(10)} | ${c.frag_pct.toFixed(3).padStart(6)}%`)
  }
  const t = r.total
  const e = r.external
  lines.push('', ` SLAB: ${formatCount(t.allocs)} allocations, ${t.bytes_req} bytes requested, ${t.bytes_alloc} allocated, ${t.bytes_freed} freed; ` +
    `internal fragmentation ${t.internal_frag_pct === null ? '-' : t.internal_frag_pct.toFixed(6)} %`,
  ` leak candidates: ${formatCount(r.leaks.objects)} objects (${r.leaks.bytes_alloc} bytes) and ${formatCount(r.leaks.pages)} pages never freed`,
  ` pages: ${formatCount(e.page_allocs)} allocations, ${formatCount(e.page_frees)} frees; free lists replayed from ${e.source === 'buddy_events' ? 'the buddy allocator\'s events' : 'page requests (per-CPU list traffic included)'}` +
    `${e.seeded ? '' : ' (not seeded: give --buddyinfo for the memory free before the trace)'}`,
  ` free lists at the end, order 0..${e.final.free_blocks.length - 1}: ${e.final.free_blocks.join(' ')}`,
  ` unusable free space index: ${e.final.unusable_index.map((x) => x.toFixed(3)).join(' ')}`,
  ` free memory outside the largest block: ${e.final.largest_block_frag_pct === null ? '-' : e.final.largest_block_frag_pct.toFixed(2)} % (worst sample ${e.max_largest_block_frag_pct === null ? '-' : e.max_largest_block_frag_pct.toFixed(2)} %)`)
  return lines.join('\n')
}

export function renderAnalysis(name: string, result: unknown): string {
  switch (name) {
    case 'sched-latency': return schedLatency(result as SchedLatencyResult)
    case 'syscall-latency': return syscallLatency(result as SyscallLatencyResult)
    case 'spans': return spans(result as SpansResult)
    case 'edf': return edf(result as EdfResult)
    case 'fairness': return fairness(result as FairnessResult)
    case 'fragmentation': return fragmentation(result as FragmentationResult)
    default: return JSON.stringify(result, null, 2)
  }
}
