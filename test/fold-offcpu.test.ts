// `exotrace fold --offcpu` against `perf sched timehist` on the same recording: per task, the
// off-CPU time exotrace spreads over the blocked stacks sums to timehist's wait times; each
// stack is the call chain perf printed at the switch-out.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { Coverage } from '../analyses/analysis.js'
import { offCpuAnalysis } from '../analyses/offcpu/offcpu-analysis.js'
import { parsePerfScriptText } from '../parsers/perf-script/parse-perf-script-text.js'
import { pieceResult } from '../tables/piece-transfer.js'
import { CLI, FIXTURES } from './shared-paths.js'

const DIR = join(FIXTURES, 'flamegraph')
const NO_COVERAGE: Coverage = { start_ns: null, end_ns: null, events: 0, lost_events: 0, lost_records: 0, lost_in_window: 0 }
const script = gunzipSync(readFileSync(join(DIR, 'offcpu-hackbench.perf-script.txt.gz'))).toString('utf8')
const timehist = gunzipSync(readFileSync(join(DIR, 'offcpu-hackbench.sched-timehist.txt.gz'))).toString('utf8')

function offcpu(...args: string[]): string[] {
  const r = spawnSync(process.execPath, [CLI, 'fold', join(DIR, 'offcpu-hackbench.perf-script.txt.gz'), '--offcpu', ...args], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return r.stdout.split('\n').filter((l) => l !== '')
}

/** timehist: per tid, summed wait time (ns, from ms printed to the µs) and the number of lines. */
function timehistWaits(): Map<number, { waitNs: number; lines: number }> {
  const out = new Map<number, { waitNs: number; lines: number }>()
  for (const line of timehist.split('\n')) {
    const m = /^\s*[\d.]+\s+\[\d+\]\s+.*?\[(\d+)(?:\/\d+)?\]\s+([\d.]+)\s+[\d.]+\s+[\d.]+/.exec(line)
    if (m === null || m[1] === '0') continue
    const t = out.get(Number(m[1])) ?? { waitNs: 0, lines: 0 }
    t.waitNs += Math.round(Number(m[2]) * 1e6)
    t.lines++
    out.set(Number(m[1]), t)
  }
  return out
}

/** Tasks timehist cannot account like exotrace: switched out in a `:-1 -1` sample, or next on its CPU. */
function unresolvedTasks(): Set<number> {
  const out = new Set<number>()
  const switches = [...script.matchAll(/^(\S.*?)\s+(-?\d+) \[(\d+)\].*prev_pid=(\d+)/gm)]
  switches.forEach((m, i) => {
    if (m[2] !== '-1') return
    out.add(Number(m[4]))
    const next = switches.slice(i + 1).find((n) => n[3] === m[3])
    if (next !== undefined) out.add(Number(next[4]))
  })
  return out
}

/** Compares `--tid` folded off-CPU lines with timehist per task; returns how many tasks were compared. */
function checkAgainstTimehist(folded: string[]): number {
  const ours = new Map<number, number>()
  for (const line of folded) {
    const cut = line.lastIndexOf(' ')
    const tid = Number(/\/(\d+)$/.exec(line.slice(0, cut).split(';')[0])![1])
    ours.set(tid, (ours.get(tid) ?? 0) + Number(line.slice(cut + 1)))
  }
  const reference = timehistWaits()
  const skip = unresolvedTasks()
  expect(skip.size).toBeLessThan(10)
  let compared = 0
  for (const [tid, { waitNs, lines }] of reference) {
    if (skip.has(tid)) continue
    // perf script prints µs: each interval is off by less than 1 µs
    expect(Math.abs((ours.get(tid) ?? 0) - waitNs), `tid ${tid}`).toBeLessThanOrEqual(lines * 1000)
    compared++
  }
  for (const tid of ours.keys()) if (!skip.has(tid)) expect(reference.has(tid), `tid ${tid}`).toBe(true)
  return compared
}

describe('off-CPU stacks vs perf sched timehist', () => {
  it.each([1, 2])('per task, off-CPU time equals timehist wait time (%i workers)', (workers) => {
    expect(checkAgainstTimehist(offcpu('--tid', '--workers', String(workers)))).toBeGreaterThan(20)
  })

  it.each([3, 17, 60])('the same when the trace is cut into %i segments folded apart and merged in order', (pieces) => {
    const blocks = script.split('\n\n')
    const per = Math.ceil(blocks.length / pieces)
    const params = { tid: true }
    let acc = offCpuAnalysis.init(params)
    for (let i = 0; i < blocks.length; i += per) {
      const piece = pieceResult(parsePerfScriptText(`${blocks.slice(i, i + per).join('\n\n')}\n\n`))
      const segment = { tables: Object.fromEntries(piece.tables.map((t) => [t.name, t])), stackParents: piece.stackParents, stackFrames: piece.stackFrames }
      acc = offCpuAnalysis.merge(acc, structuredClone(offCpuAnalysis.add(offCpuAnalysis.init(params), segment, params)), params)
    }
    const folded = offCpuAnalysis.finish(acc, params, NO_COVERAGE)!
    const lines = folded.stacks.map((s, i) => `${s} ${folded.counts[i]}`)
    expect(checkAgainstTimehist(lines)).toBeGreaterThan(20)
  })
})
