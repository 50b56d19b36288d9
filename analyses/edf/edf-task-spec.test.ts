// The --task forms of the issue, and which threads a spec selects.
import { describe, expect, it } from 'vitest'
import { parseEdfTask } from '../../src/analyze/analysis-params.js'
import { taskMatcher } from './edf-task-spec.js'

describe('parseEdfTask', () => {
  it('reads a name or a tid and three durations with their units', () => {
    expect(parseEdfTask('dl_a:6ms,8ms,20ms')).toEqual({ match: 'dl_a', runtimeNs: 6e6, deadlineNs: 8e6, periodNs: 20e6 })
    expect(parseEdfTask('1234:6000us,8000us,20000us')).toEqual({ match: '1234', runtimeNs: 6e6, deadlineNs: 8e6, periodNs: 20e6 })
  })
  it('refuses durations without a unit, a missing field and runtime > deadline', () => {
    expect(() => parseEdfTask('dl_a:6,8,20')).toThrow(/unit/)
    expect(() => parseEdfTask('dl_a:6ms,8ms')).toThrow(/NAME_OR_TID:RUNTIME,DEADLINE,PERIOD/)
    expect(() => parseEdfTask('dl_a:9ms,8ms,20ms')).toThrow(/runtime <= deadline/)
  })
})

describe('taskMatcher', () => {
  const m = taskMatcher([
    { match: '4242', runtimeNs: 1, deadlineNs: 1, periodNs: 1 },
    { match: 'dl_*', runtimeNs: 1, deadlineNs: 1, periodNs: 1 },
    { match: 'a_very_long_thread_name', runtimeNs: 1, deadlineNs: 1, periodNs: 1 },
  ])
  it('by tid, by comm pattern, and by a name the kernel cut to 15 bytes', () => {
    expect(m(4242, 'anything')).toBe(0)
    expect(m(7, 'dl_x')).toBe(1)
    expect(m(7, 'a_very_long_thr')).toBe(2)
    expect(m(7, 'sh')).toBe(-1)
  })
})
