// syscall-latency against `perf trace -s` on the same recording: per thread and syscall,
// calls and errors exact; min/avg/max within 1 us (the perf script text has microsecond
// timestamps, perf trace nanoseconds; it prints ms with 3 decimals), totals within 1 us a call.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SyscallLatencyResult } from '../analyses/syscall-latency/syscall-latency-analysis.js'
import { runAnalyses } from '../src/analyze/run-analyses.js'
import { FIXTURES, REAL } from './shared-paths.js'

interface PerfTraceRow { calls: number; errors: number; totalMs: number; minMs: number; avgMs: number; maxMs: number }

function perfTraceSummary(path: string): Map<string, PerfTraceRow> {
  const rows = new Map<string, PerfTraceRow>()
  let tid = ''
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const thread = /^ \S.* \((\d+)\), \d+ events/.exec(line)
    if (thread) { tid = thread[1]; continue }
    const m = /^\s+(\w+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+[\d.]+%/.exec(line)
    if (m && tid) rows.set(`${tid} ${m[1]}`, { calls: +m[2], errors: +m[3], totalMs: +m[4], minMs: +m[5], avgMs: +m[6], maxMs: +m[7] })
  }
  return rows
}

const US = 1000
const PRINTED = 0.5 * US

async function compare(trace: string, summary: string, timestampErrorNs: number): Promise<void> {
  {
    const ref = perfTraceSummary(summary)
    expect(ref.size).toBeGreaterThan(50)
    const run = await runAnalyses(trace, [{ name: 'syscall-latency', params: {} }], { workers: 1 })
    const result = run.outputs[0].result as SyscallLatencyResult
    const ours = new Map(result.threads.flatMap((t) => t.syscalls.map((s) => [`${t.tid} ${s.syscall}`, s] as const)))
    expect([...ours.keys()].sort()).toEqual([...ref.keys()].sort())
    for (const [key, r] of ref) {
      const o = ours.get(key)!
      expect([o.calls, o.errors], key).toEqual([r.calls, r.errors])
      if (o.calls === 1 && o.total_ns === 0) continue // an exit without its enter: 0 ms, as perf prints
      expect(Math.abs(o.min_ns - r.minMs * 1e6), `${key} min`).toBeLessThanOrEqual(timestampErrorNs + PRINTED)
      expect(Math.abs(o.max_ns - r.maxMs * 1e6), `${key} max`).toBeLessThanOrEqual(timestampErrorNs + PRINTED)
      expect(Math.abs(o.avg_ns - r.avgMs * 1e6), `${key} avg`).toBeLessThanOrEqual(timestampErrorNs + PRINTED)
      expect(Math.abs(o.total_ns - r.totalMs * 1e6), `${key} total`).toBeLessThanOrEqual(o.calls * timestampErrorNs + PRINTED)
    }
  }
}

describe('syscall-latency agrees with perf trace -s', () => {
  it('on microsecond text (fixtures-real syscalls/small-mix)', () =>
    compare(join(REAL, 'syscalls/small-mix.perf-script.txt.gz'), join(REAL, 'syscalls/small-mix.perf-trace-summary.txt'), US))

  it('on nanosecond text, to perf trace\'s printed precision (fixtures/syscalls/mix-ns)', () =>
    compare(join(FIXTURES, 'syscalls/mix-ns.perf-script.txt.gz'), join(FIXTURES, 'syscalls/mix-ns.perf-trace-summary.txt'), 0))
})
