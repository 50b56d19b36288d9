// edf against rt-app's own log of the same run (fixtures/analyses/README.md, rtapp-dl): rt-app
// knows each job's timer expiry (its deadline here: deadline = period) and its slack; a job
// missed when its slack is negative. Each logged job is found among ours by its deadline;
// misses must agree, and our lateness must be minus rt-app's slack within 100 us.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { runAnalyses } from '../../src/analyze/run-analyses.js'
import { FIXTURES } from '../../test/shared-paths.js'
import type { EdfResult } from './edf-report.js'
import { rtAppTasks } from './rt-app-tasks.js'

const BASE = join(FIXTURES, 'analyses', 'rtapp-dl')
const US = 1000

interface LoggedJob { line: number; expiryNs: number; slackNs: number }

function rtAppLog(file: string): LoggedJob[] {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'))
  // #idx perf run period start end rel_st slack ...
  return lines.map((l, line) => {
    const f = l.trim().split(/\s+/).map(Number)
    return { line, expiryNs: (f[4] + f[2] + f[7]) * US, slackNs: f[7] * US }
  })
}

describe('edf agrees with rt-app\'s log of the same run', () => {
  it('every periodic job rt-app logged: same deadline, same miss verdict, lateness = -slack', async () => {
    const tasks = rtAppTasks(readFileSync(`${BASE}.json`, 'utf8'))
    const run = await runAnalyses(`${BASE}.perf-script-ns.txt.gz`, [{ name: 'edf', params: { tasks, jobs: true } }], { workers: 1 })
    const r = run.outputs[0].result as EdfResult
    expect(r.tasks.map((t) => t.comm)).toEqual(['dl_a', 'dl_b'])
    for (const [i, t] of r.tasks.entries()) {
      const logged = rtAppLog(`${BASE}.rt-app-${t.comm}-${i}.log.gz`)
      const matched = new Set<number>()
      let loggedMisses = 0
      for (const g of logged) {
        const j = t.job_list!.find((x) => Math.abs(x.deadline_ns - g.expiryNs) < 1e6)
        // rt-app's first phases start at its thread barrier, before the period grid: not jobs.
        if (j === undefined) { expect(g.line, `${t.comm}: logged job ${g.line} not found`).toBeLessThan(2); continue }
        matched.add(j.job)
        expect(j.miss, `${t.comm} job ${j.job} (log line ${g.line}) miss`).toBe(g.slackNs < 0)
        if (g.slackNs < 0) loggedMisses++
        if (j.lateness_ns !== null && j.completed_by !== 'exit') {
          expect(Math.abs(j.lateness_ns + g.slackNs), `${t.comm} job ${j.job} lateness`).toBeLessThan(100 * US)
        }
      }
      expect(t.misses, `${t.comm} misses`).toBe(loggedMisses)
      // After its duration, rt-app stops logging: at most the last two jobs go unlogged.
      expect(t.jobs - matched.size, `${t.comm} unlogged jobs`).toBeLessThanOrEqual(2)
      expect(t.job_list!.filter((j) => !matched.has(j.job)).every((j) => j.job >= t.jobs - 2)).toBe(true)
    }
    expect(r.tasks.find((t) => t.comm === 'dl_b')!.misses).toBeGreaterThan(50)
  })
})
