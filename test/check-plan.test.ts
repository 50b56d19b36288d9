// How check plans a criterion's measure: an analysis not registered yet is not-measured
// with the reason; one registered later is run and read by the result conventions, with no
// change to check; parameters the analysis refuses never reach the workers.
import { describe, expect, it } from 'vitest'
import { ANALYSES } from '../src/analyze/analysis-registry.js'
import { planMeasure } from '../src/check/plan-measure.js'
import type { Measure } from '../src/spec/types.js'

const measure = (over: Partial<Measure>): Measure => ({
  analysis: 'spans', selector: {}, statistic: 'p99', params: {}, conditions: [], needsEvents: ['a:b'], record: 'perf record -e a:b', ...over,
} as Measure)

describe('planMeasure', () => {
  it('an analysis this exotrace does not have: refused, naming the ones it has', () => {
    const plan = planMeasure(measure({ analysis: 'mlfq' as Measure['analysis'], statistic: 'p50' }))
    expect(plan.ok).toBe(false)
    if (!plan.ok) expect(plan.reason).toMatch(/^this exotrace has no mlfq analysis yet \(it has spans, sched-latency/)
  })

  it('an analysis registered later is picked up and read by convention (a scalar under total, a distribution by metric)', () => {
    const registry = ANALYSES as unknown as object[]
    const fake = {
      name: 'mlfq', description: 'test', tables: [], needs: () => ({ events: [], record: [] }),
      init: (p: { levelWindow?: number }) => { if (p.levelWindow === 0) throw new Error('levelWindow must be > 0'); return 0 },
      add: (a: number) => a, merge: (a: number) => a, finish: () => ({ total: { level_changes: 12, count: 40 } }),
    }
    registry.push(fake)
    try {
      const plan = planMeasure(measure({ analysis: 'mlfq' as Measure['analysis'], statistic: 'level_changes' as Measure['statistic'], params: { level_window: 5 }, selector: { tasks: ['w*'] } }))
      expect(plan.ok).toBe(true)
      if (!plan.ok) return
      expect(plan.request).toEqual({ name: 'mlfq', params: { levelWindow: 5, tasks: ['w*'] } })
      expect(plan.read(fake.finish(), {} as never).figure).toEqual({ kind: 'exact', low: 12, value: 12, high: 12, n: 40 })
      const refused = planMeasure(measure({ analysis: 'mlfq' as Measure['analysis'], params: { level_window: 0 } }))
      expect(refused.ok).toBe(false)
      if (!refused.ok) expect(refused.reason).toMatch(/refuses the parameters .*levelWindow must be > 0/)
    } finally {
      registry.splice(registry.indexOf(fake), 1)
    }
  })

  it('a selector field or statistic the analysis cannot give is refused with the field named', () => {
    const endKey = planMeasure(measure({ selector: { begin: 'a:b', end: ['a:c'], key: ['pid'], endKey: ['next_pid'] } }))
    expect(endKey.ok === false && endKey.reason).toMatch(/cannot apply selector\.end_key/)
    const stat = planMeasure(measure({ selector: { span: 'irq' }, statistic: 'max_concurrent' }))
    expect(stat.ok === false && stat.reason).toMatch(/does not give the statistic max_concurrent/)
  })

  it('one request per distinct analysis and parameters: criteria share a pass', () => {
    const a = planMeasure(measure({ selector: { span: 'irq' }, statistic: 'p50' }))
    const b = planMeasure(measure({ selector: { span: 'irq' }, statistic: 'rate' }))
    expect(a.ok && b.ok && JSON.stringify(a.request)).toBe(JSON.stringify(b.ok && b.request))
  })
})
