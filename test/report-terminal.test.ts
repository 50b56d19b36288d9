// The terminal views of check and compare: colours only when asked for (the command asks
// when stdout is a terminal and NO_COLOR is unset), criterion.rs-shaped change lines.
import { describe, expect, it } from 'vitest'
import type { CheckOutcome, CheckResult } from '../src/check/check-result.js'
import type { CompareResult } from '../src/compare/compare-runs.js'
import { renderCheck } from '../src/report/render-check.js'
import { renderCompare } from '../src/report/render-compare.js'

const outcome = (status: CheckOutcome['verdict']['status'], measured?: { low: number; estimate: number; high: number; n: number }): CheckOutcome => ({
  target: { title: 'IRQ handler duration', text: '< 2 us', op: '<', threshold: 2000, kind: 'duration' },
  verdict: { status, reason: `because ${status}; record with: perf record -e x`, how: 'p50 from spans (span irq)', warnings: [], ...(measured ? { measured } : {}) },
})

const result: CheckResult = {
  kind: 'exotrace-check', version: 1, spec: { file: 's.toml', name: 'S' }, confidence: 0.95, timelines: [],
  inputs: [{ input: 't.txt', format: 'perf-script', start_ns: 0, end_ns: 1e9, events: 10, cpus: 2, lost_events: 0, analyses: ['spans'] }],
  criteria: [
    { id: 'irq.a', section: 'IRQ', title: 'a', status: 'fail', main: outcome('fail', { low: 2200, estimate: 2894, high: 3424, n: 21 }) },
    { id: 'irq.b', section: 'IRQ', title: 'b', status: 'not-measured', main: outcome('not-measured') },
    { id: 'ipc.c', section: 'IPC', title: 'c', status: 'inconclusive', main: outcome('inconclusive', { low: -Infinity, estimate: 1500, high: Infinity, n: 3 }) },
  ],
  totals: { pass: 0, fail: 1, inconclusive: 1, 'not-measured': 1 },
}

describe('renderCheck', () => {
  it('groups by section in spec order, with [low estimate high] and units', () => {
    const text = renderCheck(result, { colour: false })
    expect(text.indexOf('\nIRQ\n')).toBeLessThan(text.indexOf('\nIPC\n'))
    expect(text).toMatch(/FAIL\s+irq\.a\s+< 2 us\s+p50 \[2\.2 us 2\.894 us 3\.424 us\]/)
    expect(text).toMatch(/INCONCLUSIVE\s+ipc\.c\s+< 2 us\s+p50 \[-∞ 1\.5 us ∞\]/)
    expect(text).toContain('0 pass, 1 fail, 1 inconclusive, 1 not measured (of 3 criteria)')
  })

  it('without -v a not-measured row says what is missing; -v adds how to record it', () => {
    const brief = renderCheck(result, { colour: false })
    expect(brief).toMatch(/ because not-measured$/m)
    expect(brief).toContain('because fail; record with') // other statuses keep their whole reason
    expect(renderCheck(result, { colour: false, verbose: true })).toContain('because not-measured; record with: perf record -e x')
  })

  it('colours the status only when asked', () => {
    expect(renderCheck(result, { colour: false })).not.toContain('\x1b[')
    const coloured = renderCheck(result, { colour: true })
    expect(coloured).toContain('\x1b[31mFAIL')
    expect(coloured).toContain('\x1b[33mINCONCLUSIVE')
  })
})

describe('renderCompare', () => {
  const cmp: CompareResult = {
    kind: 'exotrace-compare', version: 1, thresholdPct: 5, confidence: 0.95, regressions: 1,
    criteria: [{
      id: 'irq.a', section: 'IRQ', title: 'a', target: '< 2 us', status: { baseline: 'pass', current: 'fail' }, distribution: [],
      figure: {
        statistic: 'p50', kind: 'duration', verdict: 'regressed', message: 'Performance has regressed.',
        baseline: { low: 1900, estimate: 2000, high: 2100, n: 100 }, current: { low: 2900, estimate: 3000, high: 3100, n: 100 },
        change: { low: 0.381, estimate: 0.5, high: 0.6316, confidence: 0.95 },
      },
    }],
  }
  it('prints change: [low estimate high] in % with the verdict sentence', () => {
    const text = renderCompare(cmp, { colour: false })
    expect(text).toMatch(/p50\s+baseline \[1\.9 us 2 us 2\.1 us\]\s+current \[2\.9 us 3 us 3\.1 us\]/)
    expect(text).toMatch(/change: \[\+38\.1% \+50% \+63\.2%\] Performance has regressed\./)
    expect(text).toMatch(/^1 regression beyond ±5%/m)
    expect(renderCompare(cmp, { colour: true })).toContain('\x1b[31mPerformance has regressed.')
  })
})
