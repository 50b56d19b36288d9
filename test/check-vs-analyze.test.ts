// Every figure `check` measures on the real traces recorded here equals the figure the
// corresponding `exotrace analyze` (or `info`) prints for the same trace. The reference for
// each criterion is derived from its spec measure independently of check's code; a measured
// criterion with no reference below fails the test, so none goes unchecked.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CheckResult } from '../src/check/check-result.js'
import { check } from '../src/check/run-check.js'
import { loadSpec } from '../src/spec/load-spec.js'
import type { Check, Spec } from '../src/spec/types.js'
import { CLI, REAL, ROOT } from './shared-paths.js'

// The spec as shipped, with the round-robin criterion pointed at the rrspin threads of the
// rr recording (the seed's stress-ng workload is not in the corpus).
const dir = mkdtempSync(join(tmpdir(), 'exotrace-vs-analyze-'))
const SPEC = join(dir, 'exo-os-rr.toml')
writeFileSync(SPEC, readFileSync(join(ROOT, 'specs/exo-os.toml'), 'utf8').replace('tasks = ["stress-ng-cpu"]', 'tasks = ["rrspin-*"]'))

const EDF_TASKS = ['dl_x:5ms,16ms,16ms', 'dl_y:14ms,25ms,25ms', 'dl_z:4ms,20ms,20ms']
const INPUTS = [
  'irq/dd-cyclictest-small.perf-script-ns.txt.gz', 'syscalls/small-mix.perf-script.txt.gz', 'sched/hackbench-small.perf-script.txt.gz',
  'kmem/frag4-hackbench.perf-script.txt.gz', 'rr/rr-3threads-100ms.perf-script.txt', 'edf/edf-u50-small.perf-script-ns.txt',
].map((f) => join(REAL, f))

const cache = new Map<string, any>()
function cli(...args: string[]): any {
  const key = args.join('\0')
  if (!cache.has(key)) cache.set(key, JSON.parse(execFileSync(process.execPath, [CLI, ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 })))
  return cache.get(key)
}
const analyze = (input: string, ...args: string[]) => cli('analyze', input, ...args).result

const DIST: Record<string, string> = { p50: 'p50_ns', p90: 'p90_ns', p99: 'p99_ns', p999: 'p999_ns', min: 'min_ns', max: 'max_ns', mean: 'mean_ns', count: 'count' }

/** The figure analyze/info give for a check, or undefined when this test has no reference for it. */
function reference(c: Check, input: string): number | undefined {
  if (!c.measurable) return undefined
  const m = c.measure
  const s = m.selector
  const info = cli('info', input)
  const spanNs = info.end_ns - info.start_ns
  if (m.analysis === 'spans' && s.span && !s.function) {
    const r = analyze(input, 'spans', '--span', s.span)
    if (DIST[m.statistic]) return r.distribution[DIST[m.statistic]]
    if (m.statistic === 'rate') return (r.distribution.count * 1e9) / spanNs
    if (m.statistic === 'busy_pct') return (100 * r.groups.reduce((n: number, g: any) => n + g.total_ns, 0)) / (spanNs * info.cpus.length)
  }
  if (m.analysis === 'syscall-latency' && s.syscall && DIST[m.statistic]) {
    const present = s.syscall.filter((x) => analyze(input, 'syscall-latency').distributions[x])
    if (present.length === 1) return analyze(input, 'syscall-latency').distributions[present[0]][DIST[m.statistic]]
  }
  if (m.analysis === 'sched-latency' && m.metric === 'switch_rate' && m.statistic === 'rate') {
    return (analyze(input, 'sched-latency').total.switch_events * 1e9) / spanNs
  }
  if (m.analysis === 'events' && m.statistic === 'count') return s.events!.reduce((n, e) => n + (info.events_by_name[e] ?? 0), 0)
  if (m.analysis === 'fragmentation') {
    const t = analyze(input, 'fragmentation').total
    if (m.statistic === 'internal_frag_pct') return t.internal_frag_pct
    if (m.statistic === 'rate') return (t.bytes_alloc * 1e9) / spanNs
  }
  if (m.analysis === 'fairness' && m.statistic === 'cv_pct') return analyze(input, 'fairness', '--comm', s.tasks!.join(',')).total.cv_pct
  if (m.analysis === 'edf') {
    const r = analyze(input, 'edf', ...EDF_TASKS.flatMap((t) => ['--task', t]))
    const rows = r.tasks.filter((t: any) => t.comm.startsWith('dl_'))
    if (m.statistic === 'miss_rate_pct') return (100 * rows.reduce((n: number, t: any) => n + t.misses, 0)) / rows.reduce((n: number, t: any) => n + t.jobs, 0)
    if (m.metric === 'lateness') return Math.max(...rows.map((t: any) => t.max_lateness_ns).filter((x: any) => x !== null))
  }
  return undefined
}

describe('every measured figure equals analyze', () => {
  let spec: Spec
  let results: [string, CheckResult][]
  beforeAll(async () => {
    spec = await loadSpec(SPEC)
    const edfParams = { tasks: EDF_TASKS.map((t) => { const [match, d] = t.split(':'); const [r, dl, p] = d.split(',').map((x) => Number(x.replace('ms', '')) * 1e6); return { match, runtimeNs: r, deadlineNs: dl, periodNs: p } }) }
    results = []
    for (const input of INPUTS) results.push([input, await check([input], spec, { workers: 2, edfParams })])
  }, 180_000)

  it('on the irq, syscall, sched, kmem, rr and edf recordings', () => {
    let compared = 0
    const measuredIds = new Set<string>()
    for (const [input, r] of results) {
      for (const c of r.criteria) {
        const crit = spec.criteria.find((x) => x.id === c.id)!
        for (const [check, outcome] of [[crit, c.main], [crit.success, c.success]] as const) {
          const figure = outcome?.verdict.measured
          if (!check || !outcome || !figure) continue
          measuredIds.add(c.id)
          const ref = reference(check, input)
          expect(ref, `${c.id} on ${input}: no reference for this measured figure`).toBeDefined()
          expect(figure.estimate, `${c.id} on ${input}`).toBeCloseTo(ref!, 6)
          compared++
        }
      }
    }
    // the recordings cover these: a change that stopped measuring them would pass unnoticed otherwise
    expect([...measuredIds]).toEqual(expect.arrayContaining([
      'irq.handler_overhead', 'stress.interrupt_storm', 'syscalls_critical.mmap', 'sched.decisions_rate', 'stress.fork_bomb',
      'memory.fragmentation', 'memory.allocation_rate', 'sched_tests.round_robin_fairness', 'sched_tests.edf_miss_rate', 'sched.edf_worst_lateness',
    ]))
    expect(compared).toBeGreaterThanOrEqual(15)
  })
})
