// `exotrace fold --tail`: only the samples inside the slowest wakeups, against
// stackcollapse-perf.pl's fold of the samples that an independent script (fixtures/flamegraph/
// tail-windows.py) found inside the same windows; the windows also when the trace is cut into
// segments paired apart and merged in order.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { Coverage } from '../analyses/analysis.js'
import { foldAnalysis } from '../analyses/fold/fold-analysis.js'
import { tailWindowsAnalysis } from '../analyses/fold/tail-windows.js'
import { parsePerfScriptText } from '../parsers/perf-script/parse-perf-script-text.js'
import { pieceResult } from '../tables/piece-transfer.js'
import { CLI, FIXTURES } from './shared-paths.js'

const DIR = join(FIXTURES, 'flamegraph')
const INPUT = join(DIR, 'tail-wakeup.perf-script.txt.gz')
const NO_COVERAGE: Coverage = { start_ns: null, end_ns: null, events: 0, lost_events: 0, lost_records: 0, lost_in_window: 0 }

function fold(...args: string[]): { lines: string[]; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, 'fold', INPUT, ...args], { encoding: 'utf8' })
  return { lines: r.stdout.split('\n').filter((l) => l !== ''), stderr: r.stderr, status: r.status }
}

const reference = (us: number): string[] => readFileSync(join(DIR, `tail-wakeup.folded-${us}us.txt`), 'utf8').split('\n').filter((l) => l !== '').sort()

describe('fold --tail wakeup', () => {
  it.each([[1000, '1ms', 188], [500, '500us', 290]])('wakeups of at least %i µs: the samples inside them, folded as stackcollapse-perf.pl folds', (us, text, windows) => {
    const r = fold('--tail', `wakeup>${text}`, '--workers', '2')
    expect(r.stderr).not.toMatch(/internal/)
    expect(r.status).toBe(0)
    expect(r.lines.sort()).toEqual(reference(us))
    expect(r.stderr).toContain(`inside the ${windows} spans of at least ${(us / 1000).toFixed(3)} ms (given)`)
  })

  it('by default the slowest 1% of the wakeups', () => {
    const r = fold('--tail', 'wakeup')
    const m = /inside the (\d+) of (\d+) spans of at least ([\d.]+) ms \(its p99/.exec(r.stderr)!
    expect(Number(m[2])).toBe(2790) // fixtures/flamegraph/README.md
    expect(Number(m[1]) / Number(m[2])).toBeGreaterThan(0.005)
    expect(Number(m[1]) / Number(m[2])).toBeLessThanOrEqual(0.011)
    // fewer samples than with the 1 ms threshold, all of them among the whole profile's stacks
    const all = new Set(fold().lines.map((l) => l.slice(0, l.lastIndexOf(' '))))
    expect(r.lines.length).toBeGreaterThan(0)
    for (const l of r.lines) expect(all.has(l.slice(0, l.lastIndexOf(' ')))).toBe(true)
  })

  it.each([4, 25, 90])('the windows are the same when the trace is cut into %i segments', (pieces) => {
    const text = gunzipSync(readFileSync(INPUT)).toString('utf8')
    const lines = text.split('\n')
    const per = Math.ceil(lines.length / pieces)
    const segments = []
    for (let i = 0; i < lines.length; i += per) {
      // cut only before an event line (one that does not start with a tab or blank)
      let end = Math.min(i + per, lines.length)
      while (end < lines.length && /^(\s|$)/.test(lines[end])) end++
      const piece = pieceResult(parsePerfScriptText(`${lines.slice(i, end).join('\n')}\n`))
      segments.push({ tables: Object.fromEntries(piece.tables.map((t) => [t.name, t])), stackParents: piece.stackParents, stackFrames: piece.stackFrames })
      i = end - per
    }
    const params = { span: 'wakeup', thresholdNs: 1e6 }
    let acc = tailWindowsAnalysis.init(params)
    for (const s of segments) acc = tailWindowsAnalysis.merge(acc, structuredClone(tailWindowsAnalysis.add(tailWindowsAnalysis.init(params), s, params)), params)
    const windowsNs = tailWindowsAnalysis.finish(acc, params, NO_COVERAGE)!
    expect(windowsNs.length / 2).toBe(188)
    let folded = foldAnalysis.init({ windowsNs })
    for (const s of segments) folded = foldAnalysis.merge(folded, foldAnalysis.add(foldAnalysis.init({ windowsNs }), s, { windowsNs }), {})
    const result = foldAnalysis.finish(folded, {}, NO_COVERAGE)!
    expect(result.stacks.map((s, i) => `${s} ${result.counts[i]}`).sort()).toEqual(reference(1000))
  })

  it('refuses stdin, --offcpu together with --tail, unknown spans; says when no span reaches the threshold', () => {
    expect(spawnSync(process.execPath, [CLI, 'fold', '-', '--tail', 'wakeup'], { input: '', encoding: 'utf8' }).stderr).toMatch(/--tail reads the input two or three times/)
    expect(fold('--tail', 'wakeup', '--offcpu').stderr).toMatch(/--tail and --offcpu do not combine/)
    expect(fold('--tail', 'nope').stderr).toMatch(/--tail: expected SPAN/)
    expect(fold('--tail', 'wakeup>10s').stderr).toMatch(/expected wakeup spans of at least 10000\.000 ms \(--tail\), found: "none/)
  })
})
