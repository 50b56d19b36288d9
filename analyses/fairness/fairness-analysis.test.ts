// fairness against the threads' own accounting: rrspin read its CPU time (schedstat and
// CLOCK_THREAD_CPUTIME_ID) at its end; each thread's CPU time from the trace must agree within
// 1% (MANIFEST: the slices overshoot by <= 0.3 ms, the threads' exit path). The window figures
// are checked against CV and Jain computed here from the slices perf script prints, with an
// exact sort for the percentiles.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { join } from 'node:path'
import { quantileSorted } from 'd3-array'
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

/**
 * Slices of the threads `keep` picks as perf script prints them, in switch-out order:
 * [tid, ns, start, end]. A slice runs from the switch that put the task on its CPU to the
 * one that takes it off; a switch whose prev is not the task the CPU's last switch put on
 * (events lost) ends no slice.
 */
function perfScriptSlices(text: string, keep: (tid: number) => boolean): [number, number, number, number][] {
  const onCpu = new Map<number, { tid: number; since: number }>()
  const out: [number, number, number, number][] = []
  for (const line of text.split('\n')) {
    const m = /\[(\d+)\]\s+(\d+)\.(\d+):\s+sched:sched_switch: .*prev_pid=(\d+) .*next_pid=(\d+)/.exec(line)
    if (!m) continue
    const cpu = Number(m[1])
    const ts = Number(m[2]) * 1e9 + Number(m[3].padEnd(9, '0'))
    const prev = Number(m[4])
    const on = onCpu.get(cpu)
    if (keep(prev) && on?.tid === prev) out.push([prev, ts - on.since, on.since, ts])
    onCpu.set(cpu, { tid: Number(m[5]), since: ts })
  }
  return out
}

/** Every window of `width` slices, by brute force: CV (%), Jain index, first slice start, last slice end. */
function bruteForceWindows(slices: [number, number, number, number][], tids: number[], width: number): { cv: number; jain: number; startNs: number; endNs: number }[] {
  const out = []
  for (let end = width; end <= slices.length; end++) {
    const x = tids.map((tid) => slices.slice(end - width, end).filter((s) => s[0] === tid).reduce((a, s) => a + s[1], 0))
    const mean = x.reduce((a, b) => a + b) / x.length
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length)
    out.push({ cv: (100 * sd) / mean, jain: x.reduce((a, b) => a + b) ** 2 / (x.length * x.reduce((a, b) => a + b * b, 0)), startNs: slices[end - width][2], endNs: slices[end - 1][3] })
  }
  return out
}

/** d3's quantile (R-7) of sorted values. */
function expectWindowsMatch(r: FairnessResult, windows: ReturnType<typeof bruteForceWindows>): void {
  const f = r.fairness!
  expect(f.windows).toBe(windows.length)
  const worst = windows.reduce((w, x) => (x.cv > w.cv ? x : w))
  expect(f.max_cv_pct).toBeCloseTo(worst.cv, 9)
  // the worst window is one of the largest CV (several windows where one task ran alone tie
  // up to float rounding, which two formulas round apart)
  const named = windows.find((w) => w.startNs === f.worst_start_ns && w.endNs === f.worst_end_ns)
  expect(named?.cv).toBeCloseTo(worst.cv, 9)
  expect(f.min_jain_index).toBeCloseTo(Math.min(...windows.map((w) => w.jain)), 12)
  expect(f.mean_cv_pct).toBeCloseTo(windows.reduce((a, w) => a + w.cv, 0) / windows.length, 9)
  expect(f.mean_jain_index).toBeCloseTo(windows.reduce((a, w) => a + w.jain, 0) / windows.length, 12)
  const cvs = windows.map((w) => w.cv).sort((a, b) => a - b)
  for (const [q, got] of [[0.5, f.p50_cv_pct], [0.99, f.p99_cv_pct]]) {
    const exact = quantileSorted(cvs, q)!
    expect(Math.abs(got - exact), `p${q * 100} ${got} vs exact ${exact}`).toBeLessThanOrEqual(exact * f.cv_percentile_relative_error)
  }
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

  it('window CV and Jain equal those of the printed slices, computed by hand; percentiles within the stated error of an exact sort', async () => {
    const tids = new Set(groundTruth().keys())
    const slices = perfScriptSlices(readFileSync(`${RR}.perf-script.txt`, 'utf8'), (tid) => tids.has(tid))
    const r = await fairness(`${RR}.perf-script.txt`, { tasks: ['rrspin-*'], windowSwitches: 10 })
    expect(r.selection.input_passes).toBe(2)
    expectWindowsMatch(r, bruteForceWindows(slices, [...tids].sort((a, b) => a - b), 10))
  })

  it('windows over all CPUs, cut in many pieces, equal those of the printed slices', async () => {
    const trace = join(REAL, 'sched', 'hackbench-small.perf-script.txt.gz')
    const text = gunzipSync(readFileSync(trace)).toString('utf8')
    const lastComm = new Map<number, string>()
    for (const m of text.matchAll(/prev_comm=(\S+) prev_pid=(\d+) .*next_comm=(\S+) next_pid=(\d+)/g)) {
      lastComm.set(Number(m[2]), m[1])
      lastComm.set(Number(m[4]), m[3])
    }
    const tids = [...lastComm].filter(([tid, comm]) => tid !== 0 && comm === 'hackbench').map(([tid]) => tid).sort((a, b) => a - b)
    const slices = perfScriptSlices(text, (tid) => tids.includes(tid))
    const r = await fairness(trace, { tasks: ['hackbench'], windowSwitches: 50 }, 2, 16 * 1024)
    expect(r.selection.cpu).toBe(null)
    expect(r.tasks.map((t) => t.tid)).toEqual(tids)
    expect(r.tasks.reduce((a, t) => a + t.slices, 0)).toBe(slices.length)
    expectWindowsMatch(r, bruteForceWindows(slices, tids, 50))
  })

  it('gives the same result whatever the worker count and however the input is cut', async () => {
    const trace = join(REAL, 'sched', 'hackbench-small.perf-script.txt.gz')
    for (const p of [{ windowSwitches: 100 }, { tasks: ['hackbench'], windowSwitches: 30 }, { tids: [14436, 14450, 14439, 14393], windowSwitches: 7 }]) {
      const one = JSON.stringify(await fairness(trace, p))
      expect(JSON.parse(one).fairness).not.toBe(null)
      for (const [workers, pieceBytes] of [[1, 64 * 1024], [2, 64 * 1024], [2, 9 * 1024], [1, 4 * 1024]]) {
        expect(JSON.stringify(await fairness(trace, p, workers, pieceBytes)), `${JSON.stringify(p)}, ${workers} workers, pieces of ${pieceBytes} bytes`).toBe(one)
      }
    }
  })
})
