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

describe('off-CPU stacks from ftrace <stack trace> blocks (trace-cmd report -t)', () => {
  const input = join(FIXTURES, 'ftrace-text/stacktrace-mono.report-ns.txt.gz')

  it('each wait is folded under the stack printed at its switch-out; most equal the time to the switch-in that follows', () => {
    // Read from the text: `prev:PID [prio] STATE ==> next:PID [prio]`; a `kernel_stack` line and
    // its `=> func` lines belong to the last event of the same CPU.
    interface Wait { ts: number; comm: string; tid: number; frames: string[]; ns: number }
    const lines = gunzipSync(readFileSync(input)).toString('utf8').split('\n')
    const out = new Map<number, Wait>()
    const closed: Wait[] = []
    const switchOuts: Wait[] = []
    const lastOnCpu = new Map<string, Wait | null>()
    for (let i = 0; i < lines.length; i++) {
      const ev = /\[(\d{3})\]\s+(\d+)\.(\d{9}): (\w+):/.exec(lines[i])
      if (ev === null) continue
      const [cpu, kind] = [ev[1], ev[4]]
      if (kind === 'kernel_stack') {
        const w = lastOnCpu.get(cpu)
        if (w) for (let k = i + 1; lines[k]?.startsWith('=> '); k++) w.frames.push(/^=> (\S+)/.exec(lines[k])![1])
        lastOnCpu.set(cpu, null)
        continue
      }
      const m = /sched_switch:\s+(.+):(\d+) \[\d+\] \S+ ==> .+:(\d+) \[\d+\]$/.exec(lines[i])
      if (m === null) { lastOnCpu.set(cpu, null); continue }
      const ts = Number(ev[2]) * 1e9 + Number(ev[3])
      const back = out.get(Number(m[3]))
      if (back !== undefined) {
        back.ns = ts - back.ts
        closed.push(back)
        out.delete(Number(m[3]))
      }
      const w: Wait = { ts, comm: m[1], tid: Number(m[2]), frames: [], ns: 0 }
      switchOuts.push(w)
      if (w.tid !== 0) out.set(w.tid, w)
      lastOnCpu.set(cpu, w)
    }
    const expected = new Map<string, number>()
    for (const w of closed) {
      const stack = [`${w.comm}-?/${w.tid}`, ...w.frames.slice().reverse()].join(';')
      expected.set(stack, (expected.get(stack) ?? 0) + w.ns)
    }
    const r = spawnSync(process.execPath, [CLI, 'fold', input, '--offcpu', '--tid'], { encoding: 'utf8' })
    const ours = new Map(r.stdout.split('\n').filter((l) => l !== '').map((l) => [l.slice(0, l.lastIndexOf(' ')), Number(l.slice(l.lastIndexOf(' ') + 1))]))
    // This recording lost events (its README: --stat read 282 of 410 on one CPU), so waits
    // differ where a switch is missing; where none is, they agree to the ns.
    const switchOutStacks = new Set(switchOuts.map((w) => [`${w.comm}-?/${w.tid}`, ...w.frames.slice().reverse()].join(';')))
    let equal = 0
    for (const [stack, ns] of ours) {
      expect(switchOutStacks.has(stack), stack).toBe(true)
      if (expected.get(stack) === ns) equal++
    }
    expect(equal / ours.size).toBeGreaterThan(0.8)
    expect([...ours.keys()].some((s) => s.includes(';__schedule;'))).toBe(true)
  })
})
