// Verdicts from confidence intervals. Expected sample counts are worked out by hand in the
// comments: the interval's half-width shrinks as 1/sqrt(n).

import { describe, expect, it } from 'vitest'
import type { Condition, Criterion, MeasuredCheck, Target, UnmeasurableCheck } from '../src/spec/types.js'
import { judgeCriterion, worseStatus } from '../src/spec/judge-criterion.js'
import { judgeCheck } from '../src/spec/verdict.js'

const us = 1000
const ms = 1_000_000

function target(op: Target['op'], valueBase: number, kind: Target['kind'] = 'duration'): Target {
  return { op, value: valueBase, unit: kind === 'duration' ? 'ns' : '/s', valueBase, kind }
}

function check(t: Target, extra: Partial<MeasuredCheck> = {}, conditions: Condition[] = []): MeasuredCheck {
  return {
    title: 'test',
    target: t,
    measurable: true,
    measure: {
      analysis: 'sched-latency',
      metric: 'delay',
      selector: { tasks: ['cyclictest'] },
      statistic: 'p99',
      params: {},
      conditions,
      needsEvents: ['sched:sched_switch', 'sched:sched_waking'],
      record: 'perf record -e sched:sched_switch -e sched:sched_waking -a',
    },
    ...extra,
  }
}

const p99Below10us = check(target('<', 10 * us))

describe('judgeCheck', () => {
  it('passes when the whole interval is inside the target', () => {
    const v = judgeCheck(p99Below10us, { statistic: { low: 7 * us, estimate: 8 * us, high: 9.5 * us, n: 1000 } })
    expect(v.status).toBe('pass')
    expect(v.reason).toBe('p99 8 us (95% CI 7 us – 9.5 us, n = 1000) meets < 10 us')
    expect(v.how).toBe('p99 delay from sched-latency (tasks cyclictest)')
    expect(v.warnings).toEqual([])
  })

  it('fails when the whole interval is outside, a bound on the threshold counting as outside for <', () => {
    expect(judgeCheck(p99Below10us, { statistic: { low: 11 * us, estimate: 12 * us, high: 14 * us, n: 500 } }).status).toBe('fail')
    expect(judgeCheck(p99Below10us, { statistic: { low: 10 * us, estimate: 12 * us, high: 14 * us, n: 500 } }).status).toBe('fail')
    // high == target: the true value may equal 10 µs, which < 10 µs does not allow.
    expect(judgeCheck(p99Below10us, { statistic: { low: 8 * us, estimate: 9 * us, high: 10 * us, n: 500 } }).status).toBe('inconclusive')
    expect(judgeCheck(check(target('<=', 10 * us)), { statistic: { low: 8 * us, estimate: 9 * us, high: 10 * us, n: 500 } }).status).toBe('pass')
  })

  it('is inconclusive when the interval straddles the target, with the samples that would decide', () => {
    // high side half-width 2 µs, margin 1 µs: n' = 400 × (2/1)² = 1600, so 1200 more.
    const v = judgeCheck(p99Below10us, { statistic: { low: 8 * us, estimate: 9 * us, high: 11 * us, n: 400 } })
    expect(v.status).toBe('inconclusive')
    expect(v.moreSamples).toBe(1200)
    expect(v.reason).toContain('about 1200 more samples would decide it')
    // likely fail: low side half-width 3 µs, margin 2 µs: n' = 100 × 2.25 = 225, so 125 more.
    expect(judgeCheck(p99Below10us, { statistic: { low: 9 * us, estimate: 12 * us, high: 13 * us, n: 100 } }).moreSamples).toBe(125)
  })

  it('needs enough samples for a p99 upper bound to exist at all', () => {
    // 0.99^367 = 0.02501 > 2.5% but 0.99^368 = 0.02476: 368 samples, 268 more than 100.
    const v = judgeCheck(p99Below10us, { statistic: { low: 5 * us, estimate: 6 * us, high: Infinity, n: 100 } })
    expect(v.status).toBe('inconclusive')
    expect(v.moreSamples).toBe(268)
    // Even far from the threshold an open interval decides nothing.
    const open = judgeCheck(p99Below10us, { statistic: { low: -Infinity, estimate: 20 * us, high: Infinity, n: 300 } })
    expect(open.status).toBe('inconclusive')
    expect(open.moreSamples).toBe(68)
  })

  it('cannot promise a decision when the estimate sits on the threshold', () => {
    const v = judgeCheck(p99Below10us, { statistic: { low: 9 * us, estimate: 10 * us, high: 11 * us, n: 100 } })
    expect(v.status).toBe('inconclusive')
    expect(v.moreSamples).toBeUndefined()
    expect(v.reason).toContain('will not decide it')
  })

  it('judges lower bounds (rates) from the low end of the interval', () => {
    const rate = check(target('>', 100_000, 'rate'), {}, [])
    rate.measure.statistic = 'rate'
    expect(judgeCheck(rate, { statistic: { low: 110_000, estimate: 120_000, high: 130_000, n: 50 } }).status).toBe('pass')
    expect(judgeCheck(rate, { statistic: { low: 80_000, estimate: 90_000, high: 100_000, n: 50 } }).status).toBe('fail')
    expect(judgeCheck(rate, { statistic: { low: 95_000, estimate: 105_000, high: 115_000, n: 50 } }).status).toBe('inconclusive')
  })

  it('relaxes the target by the tolerance and says so', () => {
    const boot = check(target('<', 800 * ms), { tolerance: { value: 100, unit: 'ms', valueBase: 100 * ms, kind: 'duration' } })
    const v = judgeCheck(boot, { statistic: { low: 820 * ms, estimate: 850 * ms, high: 880 * ms, n: 30 } })
    expect(v.status).toBe('pass')
    expect(v.threshold).toBe(900 * ms)
    expect(v.reason).toContain('< 800 ms (< 900 ms with the tolerance)')
  })

  it('is not-measured for a row no trace can measure, saying what would', () => {
    const size: UnmeasurableCheck = {
      title: 'Binary size', target: target('<', 3e6, 'bytes'), measurable: false,
      reason: 'A property of the build artifact', howToMeasure: 'stat -c %s exo-kernel.elf',
    }
    expect(judgeCheck(size, {})).toMatchObject({
      status: 'not-measured',
      reason: 'A property of the build artifact. To measure it: stat -c %s exo-kernel.elf',
    })
  })

  it('is not-measured when events are missing, naming them and the record command', () => {
    const v = judgeCheck(p99Below10us, { missingEvents: ['sched:sched_waking'] })
    expect(v.status).toBe('not-measured')
    expect(v.reason).toBe('the trace lacks sched:sched_waking; record with: perf record -e sched:sched_switch -e sched:sched_waking -a')
  })

  it('is not-measured when nothing matched the selector', () => {
    const v = judgeCheck(p99Below10us, { statistic: { low: 0, estimate: 0, high: 0, n: 0 } })
    expect(v.status).toBe('not-measured')
    expect(v.reason).toContain('no samples matched')
  })

  it('is inconclusive when the run did not meet the condition, stating the measured value', () => {
    const load: Condition = { name: 'load', op: '>=', value: 80, unit: '%', valueBase: 80, kind: 'percent' }
    const edf = check(target('<', 0.1, 'percent'), {}, [load])
    edf.measure.statistic = 'miss_rate_pct'
    const interval = { low: 0, estimate: 0.01, high: 0.05, n: 20_000 }
    const low = judgeCheck(edf, { statistic: interval, conditions: { load: 40 } })
    expect(low.status).toBe('inconclusive')
    expect(low.reason).toContain('the measured load 40 % does not meet the condition load >= 80 %')
    expect(judgeCheck(edf, { statistic: interval }).reason).toContain('the condition load >= 80 % was not measured')
    expect(judgeCheck(edf, { statistic: interval, conditions: { load: 85 } }).status).toBe('pass')
  })

  it('warns when events were lost in the window', () => {
    const v = judgeCheck(p99Below10us, { statistic: { low: 7 * us, estimate: 8 * us, high: 9 * us, n: 1000 }, lostEvents: 1234 })
    expect(v.status).toBe('pass')
    expect(v.warnings).toEqual([expect.stringContaining('1234 events were lost')])
  })
})

describe('worseStatus', () => {
  it('ranks fail over not-measured over inconclusive over pass', () => {
    expect(worseStatus('pass', 'fail')).toBe('fail')
    expect(worseStatus('inconclusive', 'pass')).toBe('inconclusive')
    expect(worseStatus('not-measured', 'inconclusive')).toBe('not-measured')
    expect(worseStatus('fail', 'not-measured')).toBe('fail')
  })
})

describe('judgeCriterion', () => {
  const flood = check(target('>', 1_000_000, 'rate'))
  flood.measure.statistic = 'window_rate_min'
  const drops = check({ op: '<=', value: 0, unit: 'count', valueBase: 0, kind: 'count' })
  drops.measure.statistic = 'unmatched'
  const criterion: Criterion = { ...flood, id: 'stress.ipc_flood', section: 'Stress', success: drops }
  const fastEnough = { statistic: { low: 1.1e6, estimate: 1.2e6, high: 1.3e6, n: 3600 } }

  it('passes only when the success check passes too', () => {
    const ok = judgeCriterion(criterion, fastEnough, { statistic: { low: 0, estimate: 0, high: 0, n: 3_600_000 } })
    expect(ok.status).toBe('pass')
    const dropped = judgeCriterion(criterion, fastEnough, { statistic: { low: 12, estimate: 12, high: 12, n: 3_600_000 } })
    expect(dropped.status).toBe('fail')
    expect(dropped.main.status).toBe('pass')
    expect(dropped.success?.reason).toContain('unmatched 12')
  })

  it('is not-measured when the success check lacks its events', () => {
    expect(judgeCriterion(criterion, fastEnough, { missingEvents: ['sdt_exo:ipc_recv'] }).status).toBe('not-measured')
  })

  it('is the main verdict alone without a success check', () => {
    const { success: _, ...plain } = criterion
    expect(judgeCriterion(plain, fastEnough)).toEqual({ id: 'stress.ipc_flood', status: 'pass', main: expect.objectContaining({ status: 'pass' }) })
  })
})
