// sched-latency's distribution of selected tasks holds exactly their delays: as many as those
// tasks' switches (perf sched latency's count), and the same whatever the cut and workers.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SchedLatencyResult } from '../analyses/sched-latency/sched-latency-report.js'
import { runAnalyses } from '../src/analyze/run-analyses.js'
import { FIXTURES } from './shared-paths.js'

const trace = join(FIXTURES, 'sched/hackbench-cyclictest.perf-script-ns.txt.gz')

async function run(tasks: string[] | undefined, workers: number, pieceBytes?: number): Promise<SchedLatencyResult> {
  const r = await runAnalyses(trace, [{ name: 'sched-latency', params: { tasks } }], { workers, pieceBytes })
  return r.outputs[0].result as SchedLatencyResult
}

describe('sched-latency --comm', () => {
  it('keeps the delays of the matching tasks only', async () => {
    const all = await run(undefined, 1)
    const cyclic = await run(['cyclictest*'], 1)
    const switches = all.tasks.filter((t) => t.comm.startsWith('cyclictest')).reduce((n, t) => n + t.switches, 0)
    expect(switches).toBeGreaterThan(100)
    expect(cyclic.delay.count).toBe(switches)
    expect(all.delay.count).toBe(all.tasks.reduce((n, t) => n + t.switches, 0))
    const maxOfCyclic = Math.max(...all.tasks.filter((t) => t.comm.startsWith('cyclictest')).map((t) => t.max_delay_ns))
    expect(cyclic.delay.max_ns).toBe(maxOfCyclic)
    // Same cut: identical whatever the workers. Another cut: the same buckets, count, min and
    // max; the mean may differ in its last bits (the moments merge in another grouping).
    const cutOne = await run(['cyclictest*'], 1, 64 * 1024)
    const cutTwo = await run(['cyclictest*'], 2, 64 * 1024)
    expect(JSON.stringify(cutTwo.delay)).toBe(JSON.stringify(cutOne.delay))
    expect(cutOne.delay.histogram.kind === 'logLinear' && cutOne.delay.histogram.buckets).toEqual(cyclic.delay.histogram.kind === 'logLinear' && cyclic.delay.histogram.buckets)
    expect([cutOne.delay.count, cutOne.delay.min_ns, cutOne.delay.max_ns]).toEqual([cyclic.delay.count, cyclic.delay.min_ns, cyclic.delay.max_ns])
  })
})
