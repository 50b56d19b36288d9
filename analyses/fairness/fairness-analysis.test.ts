// fairness against the threads' own accounting: rrspin read its CPU time (schedstat and
// CLOCK_THREAD_CPUTIME_ID) at its end; each thread's CPU time from the trace must agree within
// 1% (MANIFEST: the slices overshoot by <= 0.3 ms, the threads' exit path). The window figures
// are checked against CV and Jain computed here from the slices perf script prints.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAnalyses } from '../../src/analyze/run-analyses.js'
import { REAL } from '../../test/shared-paths.js'
import type { FairnessParams, FairnessResult } from './fairness-analysis.js'

const RR = join(REAL, 'rr', 'rr-3threads-100ms')

function groundTruth(): Map<number, { comm: string; cpuNs: number; schedstatRunNs: number }> {
  const out = new Map<number, { comm: string; cpuNs: number; schedstatRunNs: number }>()
  const lines = readFileSync(`${RR}.groundtruth.txt`, 'utf8').split('\n')
  const header = lines.find((l) => l.startsWith('thread\tidx'))!.split('\t')
  for (const l of lines.filter((x) => /^thread\t\d/.test(x))) {
    const f = l.split('\t')
    out.set(Number(f[header.indexOf('tid')]), {
      comm: f[header.indexOf('comm')], cpuNs: Number(f[header.indexOf('cpu_ns')]), schedstatRunNs: Number(f[header.indexOf('schedstat')].split(' ')[0]),
    })
  }
  return out
}

async function fairness(trace: string, p: FairnessParams, workers = 1, pieceBytes?: number): Promise<FairnessResult> {
  const run = await runAnalyses(trace, [{ name: 'fairness', params: p }], { workers, pieceBytes })
  return run.outputs[0].result as FairnessResult
}

/** Slices of the given threads as perf script prints them, in switch-out order: [tid, ns]. */
function perfScriptSlices(tids: Set<number>): [number, number][] {
  const since = new Map<number, number>()
  const out: [number, number][] = []
  for (const line of readFileSync(`${RR}.perf-script.txt`, 'utf8').split('\n')) {
    const m = /\[(\d+)\]\s+(\d+)\.(\d+):\s+sched:sched_switch: .*prev_pid=(\d+) .*next_pid=(\d+)/.exec(line)
    if (!m) continue
    const ts = Number(m[2]) * 1e9 + Number(m[3].padEnd(9, '0'))
    const prev = Number(m[4])
    if (tids.has(prev) && since.has(prev)) out.push([prev, ts - since.get(prev)!])
    since.set(Number(m[5]), ts)
  }
  return out
}

describe('fairness', () => {
  for (const file of ['rr-3threads-100ms.perf-script.txt', 'rr-3threads-100ms.report.txt']) {
    it(`per-task CPU time agrees with the threads' schedstat within 1% (${file}, default selection: the busiest CPU)`, async () => {
      const truth = groundTruth()
      const r = await fairness(join(REAL, 'rr', file), {})
      expect(r.selection.cpu).toBe(0)
      expect(r.tasks.map((t) => t.tid).sort()).toEqual([...truth.keys()].sort())
      for (const t of r.tasks) {
        const g = truth.get(t.tid)!
        expect(t.comm).toBe(g.comm)
        expect(Math.abs(t.cpu_ns - g.schedstatRunNs) / g.schedstatRunNs, `${t.comm} vs schedstat`).toBeLessThan(0.01)
        expect(Math.abs(t.cpu_ns - g.cpuNs) / g.cpuNs, `${t.comm} vs CLOCK_THREAD_CPUTIME_ID`).toBeLessThan(0.01)
      }
    })
  }

  it('window CV and Jain equal those of the printed slices, computed by hand', async () => {
    const tids = new Set(groundTruth().keys())
    const slices = perfScriptSlices(tids)
    const order = [...tids].sort((a, b) => a - b)
    const width = 10
    let worstCv = -Infinity
    let worstJain = Infinity
    const cvs: number[] = []
    for (let end = width; end <= slices.length; end++) {
      const x = order.map((tid) => slices.slice(end - width, end).filter((s) => s[0] === tid).reduce((a, s) => a + s[1], 0))
      const mean = x.reduce((a, b) => a + b) / x.length
      const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length)
      worstCv = Math.max(worstCv, (100 * sd) / mean)
      cvs.push((100 * sd) / mean)
      worstJain = Math.min(worstJain, x.reduce((a, b) => a + b) ** 2 / (x.length * x.reduce((a, b) => a + b * b, 0)))
    }
    const r = await fairness(`${RR}.perf-script.txt`, { tasks: ['rrspin-*'], windowSwitches: width })
    expect(r.fairness!.windows).toBe(slices.length - width + 1)
    expect(r.fairness!.max_cv_pct).toBeCloseTo(worstCv, 9)
    expect(r.fairness!.min_jain_index).toBeCloseTo(worstJain, 12)
    cvs.sort((a, b) => a - b)
    expect(r.fairness!.p50_cv_pct).toBeCloseTo(cvs.length % 2 ? cvs[(cvs.length - 1) / 2] : (cvs[cvs.length / 2 - 1] + cvs[cvs.length / 2]) / 2, 9)
  })

  it('gives the same result whatever the worker count and however the input is cut', async () => {
    const trace = join(REAL, 'sched', 'hackbench-small.perf-script.txt.gz')
    const one = await fairness(trace, { windowSwitches: 100 })
    const cut = await fairness(trace, { windowSwitches: 100 }, 1, 64 * 1024)
    const two = await fairness(trace, { windowSwitches: 100 }, 2, 64 * 1024)
    expect(JSON.stringify(cut.tasks)).toBe(JSON.stringify(one.tasks))
    expect(JSON.stringify(two)).toBe(JSON.stringify(cut))
  })
})
