// compare: the distribution-free change interval holds its confidence on repeated runs of
// one process (no change found in >= 95% of pairs), finds a known shift, judges direction
// by the target, and the CLI exits 1 on a regression beyond the threshold, 0 otherwise.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createHistogram } from '../analyses/stats/create-histogram.js'
import { histogramBuckets } from '../analyses/stats/histogram-buckets.js'
import { histogramFromJSON } from '../analyses/stats/histogram-from-json.js'
import { histogramToJSON, type HistogramJSON } from '../analyses/stats/histogram-to-json.js'
import { recordValue } from '../analyses/stats/record-value.js'
import { samples } from '../analyses/stats/test-samples.js'
import type { CheckResult } from '../src/check/check-result.js'
import type { FigureSource } from '../src/check/figure-source.js'
import { changeInterval } from '../src/compare/change-interval.js'
import { judgeChange } from '../src/compare/compare-runs.js'
import { CLI, REAL, ROOT } from './shared-paths.js'

function histogram(values: Float64Array, scale = 1): HistogramJSON {
  const h = createHistogram()
  for (const v of values) recordValue(h, v * scale)
  return histogramToJSON(h)
}

const p99 = (h: HistogramJSON): FigureSource => ({ kind: 'quantile', q: 0.99, histogram: h })
const p50 = (h: HistogramJSON): FigureSource => ({ kind: 'quantile', q: 0.5, histogram: h })

describe('changeInterval', () => {
  it('two runs of the same process: no change found in at least 95% of 200 pairs (p50 and p99)', () => {
    let falseAlarms = 0
    for (let i = 0; i < 200; i++) {
      const a = histogram(samples('lognormal', 2000, 2 * i + 1))
      const b = histogram(samples('lognormal', 2000, 2 * i + 2))
      for (const f of [p50, p99]) if (judgeChange(changeInterval(f(a), f(b)).change, 0, true) !== 'no-change') falseAlarms++
    }
    expect(falseAlarms / 400).toBeLessThanOrEqual(0.05)
  })

  it('a 30% slower run: the median interval holds +30% and excludes 0, so it regressed', () => {
    const base = histogram(samples('lognormal', 20000, 7))
    const slow = histogram(samples('lognormal', 20000, 8), 1.3)
    const c = changeInterval(p50(base), p50(slow)).change
    expect(c.low).toBeGreaterThan(0.05)
    expect(c.low).toBeLessThan(0.3)
    expect(c.high).toBeGreaterThan(0.3)
    expect(Math.abs(c.estimate - 0.3)).toBeLessThan(0.1)
    expect(judgeChange(c, 5, true)).toBe('regressed')
    // the same change for a higher-is-better target (a rate) is an improvement
    expect(judgeChange(c, 5, false)).toBe('improved')
  })

  it('a p99 from too few values has no upper bound: its change is unbounded, never a regression', () => {
    const c = changeInterval(p99(histogram(samples('lognormal', 100, 3))), p99(histogram(samples('lognormal', 100, 4), 3))).change
    expect(c.high).toBe(Infinity)
    expect(c.low).toBe(-1)
    expect(judgeChange(c, 5, true)).toBe('no-change')
  })

  it('a real change smaller than the noise threshold is within noise', () => {
    const c = { low: 0.01, estimate: 0.02, high: 0.03, confidence: 0.95 }
    expect(judgeChange(c, 5, true)).toBe('within-noise')
    expect(judgeChange(c, 0.5, true)).toBe('regressed')
  })

  it('rates: Poisson counts over the window', () => {
    const c = changeInterval({ kind: 'poisson', count: 10000, scale: 1 }, { kind: 'poisson', count: 8000, scale: 1 }).change
    expect(c.estimate).toBeCloseTo(-0.2, 9)
    expect(c.high).toBeLessThan(-0.15)
    expect(judgeChange(c, 5, false)).toBe('regressed') // a rate target: fewer per second is worse
  })
})

describe('exotrace compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'exotrace-compare-'))
  const SPEC = join(ROOT, 'specs', 'exo-os.toml')
  const IRQ = join(REAL, 'irq/dd-cyclictest-small.perf-script-ns.txt.gz')
  const baselinePath = join(dir, 'baseline.json')
  const slowerPath = join(dir, 'slower.json')
  const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'compare', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })

  beforeAll(() => {
    const r = spawnSync(process.execPath, [CLI, 'check', IRQ, '--spec', SPEC, '--json', '--workers', '2'], { encoding: 'utf8', maxBuffer: 1 << 28 })
    writeFileSync(baselinePath, r.stdout)
    // The same run with every IRQ handler 50% longer: rebuild its histogram from the buckets.
    const slower = JSON.parse(r.stdout) as CheckResult
    const c = slower.criteria.find((x) => x.id === 'irq.handler_overhead')!.main
    const h = createHistogram()
    for (const b of histogramBuckets(histogramFromJSON(c.distribution!))) recordValue(h, ((b.lo + b.hi) / 2) * 1.5, b.count)
    c.distribution = histogramToJSON(h)
    c.figure = { kind: 'quantile', q: 0.5, histogram: c.distribution }
    writeFileSync(slowerPath, JSON.stringify(slower))
  }, 60_000)

  it('a run against itself: no change anywhere, exit 0', () => {
    const r = run(baselinePath, baselinePath)
    expect(r.status).toBe(0)
    expect(r.stdout).not.toMatch(/regressed|improved/)
    expect(r.stdout).toMatch(/change: \[-[\d.]+% \+0% \+[\d.]+%\] No change in performance detected\./)
  })

  it('handlers 50% slower: "Performance has regressed", +50% in the interval, exit 1', () => {
    const r = run(baselinePath, slowerPath)
    expect(r.status).toBe(1)
    const block = r.stdout.slice(r.stdout.indexOf('irq.handler_overhead'))
    const m = /p50\s+baseline .*\n\s+change: \[\+([\d.]+)% \+([\d.]+)% \+([\d.]+)%\] Performance has regressed\./.exec(block)!
    expect(Number(m[2])).toBeCloseTo(50, -1)
    expect(Number(m[1])).toBeLessThan(50)
    expect(Number(m[3])).toBeGreaterThan(50)
    expect(r.stdout).toMatch(/^1 regression beyond ±5%/m)
  })

  it('the other way round it improved, exit 0; --threshold above the change forgives it', () => {
    expect(run(slowerPath, baselinePath).stdout).toMatch(/Performance has improved\./)
    expect(run(slowerPath, baselinePath).status).toBe(0)
    const json = JSON.parse(run(baselinePath, slowerPath, '--threshold', '60', '--json').stdout)
    expect(json.regressions).toBe(0)
  })

  it('a trace compared with a saved result is checked against --spec first', () => {
    const r = run(baselinePath, IRQ, '--spec', SPEC, '--workers', '1')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/irq\.handler_overhead/)
    const missing = run(baselinePath, IRQ)
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/--spec/)
  })

  it('a JSON file that is not a check result is refused with exit 2', () => {
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"kind": "exotrace-check", "version": 7}')
    const r = run(bad, baselinePath)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/bad\.json: expected a JSON result of exotrace check --json/)
    expect(readFileSync(baselinePath, 'utf8').startsWith('{\n  "kind": "exotrace-check"')).toBe(true)
  })
})
