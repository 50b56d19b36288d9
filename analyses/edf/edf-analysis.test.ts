// edf against the ground truth the workload itself wrote (edfjobs: per-job release, deadline,
// completion read from CLOCK_MONOTONIC in the task, the clock the trace was recorded on):
// jobs and misses per task exact, every job's miss verdict equal, lateness within 50 us
// (the task's own completion stamp lies a few us before its switch-out); from perf script and
// from trace-cmd report text of the same run.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAnalyses } from '../../src/analyze/run-analyses.js'
import { REAL } from '../../test/shared-paths.js'
import type { EdfParams } from './edf-analysis.js'
import type { EdfResult } from './edf-report.js'

interface TruthJob { task: string; job: number; latenessNs: number; miss: boolean }

function truthJobs(path: string): TruthJob[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n')
  const col = header.split('\t')
  return lines.map((l) => {
    const f = l.split('\t')
    return { task: f[col.indexOf('task')], job: Number(f[col.indexOf('job')]), latenessNs: Number(f[col.indexOf('lateness_ns')]), miss: f[col.indexOf('miss')] === '1' }
  })
}

function truthSummary(path: string): Map<string, { jobs: number; misses: number }> {
  const out = new Map<string, { jobs: number; misses: number }>()
  for (const m of readFileSync(path, 'utf8').matchAll(/^SUMMARY task=(\S+) .* jobs=(\d+) misses=(\d+)/gm)) out.set(m[1], { jobs: Number(m[2]), misses: Number(m[3]) })
  return out
}

/** The --task options a user would write, from the workload's own parameter file. */
function taskOptions(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/task=(\S+) .*runtime_us=(\d+) deadline_us=(\d+) period_us=(\d+)/g)]
    .map((m) => `${m[1]}:${m[2]}us,${m[3]}us,${m[4]}us`)
}

function params(taskOpts: string[]): EdfParams {
  return {
    jobs: true,
    tasks: taskOpts.map((t) => {
      const [match, d] = t.split(':')
      const [r, dl, p] = d.split(',').map((x) => Number(x.replace('us', '')) * 1000)
      return { match, runtimeNs: r, deadlineNs: dl, periodNs: p }
    }),
  }
}

async function edf(trace: string, p: EdfParams, workers = 1, pieceBytes?: number): Promise<EdfResult> {
  const run = await runAnalyses(trace, [{ name: 'edf', params: p }], { workers, pieceBytes })
  return run.outputs[0].result as EdfResult
}

const RUNS = [
  { name: 'edf-u50-small', traces: ['edf-u50-small.perf-script-ns.txt', 'edf-u50-small.perf-script.txt'] },
  { name: 'edf-overload-small', traces: ['edf-overload-small.perf-script-ns.txt.gz', 'edf-overload-small.perf-script.txt.gz', 'edf-overload-small.report-ns.txt.gz'] },
]

describe('edf agrees with the workload ground truth', () => {
  for (const run of RUNS) {
    for (const file of run.traces) {
      it(file, async () => {
        const base = join(REAL, 'edf', run.name)
        const truth = truthJobs(`${base}.jobs.tsv`)
        const summary = truthSummary(`${base}.summary.txt`)
        const r = await edf(join(REAL, 'edf', file), params(taskOptions(`${base}.task-params.txt`)))
        expect(r.tasks.map((t) => t.comm).sort()).toEqual([...summary.keys()].sort())
        for (const t of r.tasks) {
          expect(t.jobs, `${t.comm} jobs`).toBe(summary.get(t.comm)!.jobs)
          expect(t.misses, `${t.comm} misses`).toBe(summary.get(t.comm)!.misses)
          let worstTruth = -Infinity
          for (const j of t.job_list!) {
            const g = truth.find((x) => x.task === t.comm && x.job === j.job)!
            expect(j.miss, `${t.comm} job ${j.job} miss`).toBe(g.miss)
            if (j.completion_ns === null || j.completed_by === 'exit') continue
            expect(Math.abs(j.lateness_ns! - g.latenessNs), `${t.comm} job ${j.job} lateness`).toBeLessThan(50_000)
            worstTruth = Math.max(worstTruth, g.latenessNs)
          }
          expect(Math.abs(t.max_lateness_ns! - worstTruth), `${t.comm} max lateness`).toBeLessThan(50_000)
        }
        const totalMisses = [...summary.values()].reduce((n, s) => n + s.misses, 0)
        expect(r.total.misses).toBe(totalMisses)
      })
    }
  }

  it('reads sched_waking in place of sched_wakeup when a trace has only the former', async () => {
    const base = join(REAL, 'edf', 'edf-u50-small')
    const onlyWaking = join(mkdtempSync(join(tmpdir(), 'edf-')), 'waking-only.txt')
    writeFileSync(onlyWaking, readFileSync(`${base}.perf-script-ns.txt`, 'utf8').split('\n').filter((l) => !l.includes('sched:sched_wakeup:')).join('\n'))
    const summary = truthSummary(`${base}.summary.txt`)
    const r = await edf(onlyWaking, params(taskOptions(`${base}.task-params.txt`)))
    expect(r.tasks.map((t) => [t.comm, t.jobs, t.misses])).toEqual([...summary].sort().map(([task, s]) => [task, s.jobs, s.misses]))
  })

  it('measures the load the tasks put on the machine: their CPU time over the window', async () => {
    const base = join(REAL, 'edf', 'edf-u50-small')
    const r = await edf(`${base}.perf-script-ns.txt`, params(taskOptions(`${base}.task-params.txt`)))
    // Each job burns exec_us of CPU time (task-params.txt): 4/16 + 12/25 + 3/20 of a CPU on 2 CPUs.
    const expectedPct = ((4 / 16 + 12 / 25 + 3 / 20) / 2) * 100
    expect(Math.abs(r.total.measured_load_pct! - expectedPct)).toBeLessThan(0.5)
    // Recorded with a SCHED_IDLE busy loop on every CPU (MANIFEST: SPIN): the CPUs never idle.
    expect(r.total.cpu_busy_pct!).toBeGreaterThan(99)
  })

  it('gives the same result whatever the worker count and however the input is cut', async () => {
    const base = join(REAL, 'edf', 'edf-overload-small')
    const p = params(taskOptions(`${base}.task-params.txt`))
    const trace = `${base}.perf-script-ns.txt.gz`
    const one = await edf(trace, p, 1)
    const cut = await edf(trace, p, 1, 16 * 1024)
    const two = await edf(trace, p, 2, 16 * 1024)
    expect(JSON.stringify(cut.tasks)).toBe(JSON.stringify(one.tasks))
    expect(JSON.stringify(two)).toBe(JSON.stringify(cut))
  })
})
