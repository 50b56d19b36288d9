// Job reconstruction on hand-written schedules whose jobs are known: period 10 ms, deadline 8 ms.
import { describe, expect, it } from 'vitest'
import { periodicJobs, releaseAnchor } from './periodic-jobs.js'
import { OUT_BLOCKED, OUT_EXITED, OUT_PREEMPTED, SWITCH_IN, taskInstances, WAKE } from './task-activity.js'

const MS = 1e6
const US = 1e3

function jobsOf(events: [number, number][], endNs = 1e12) {
  const [inst] = taskInstances(events.map((e) => e[0]), events.map((e) => e[1]))
  return periodicJobs(inst, 8 * MS, 10 * MS, endNs)!
}

describe('releaseAnchor', () => {
  it('moves a late first wakeup back onto the grid the later wakeups show', () => {
    // true releases at 0, 10, 20, 30 ms; the first wakeup 3 ms late, the others 5-20 us.
    expect(releaseAnchor([3 * MS, 10 * MS + 5 * US, 20 * MS + 20 * US, 30 * MS + 7 * US], 10 * MS)).toBe(5 * US)
  })
  it('ignores a wakeup far off the grid (a sleep inside a job)', () => {
    expect(releaseAnchor([10 * US, 4 * MS, 10 * MS + 12 * US, 20 * MS + 11 * US], 10 * MS)).toBe(10 * US)
  })
})

describe('periodicJobs', () => {
  it('one job per wakeup-run-sleep, response and lateness from the grid release', () => {
    const j = jobsOf([
      [WAKE, 0], [SWITCH_IN, 10 * US], [OUT_BLOCKED, 2 * MS],
      [WAKE, 10 * MS], [SWITCH_IN, 10 * MS], [OUT_PREEMPTED, 11 * MS], [SWITCH_IN, 15 * MS], [OUT_BLOCKED, 19 * MS],
    ])
    expect(j.jobs.map((x) => [x.release_ns, x.completion_ns, x.lateness_ns, x.miss, x.cpu_ns]))
      .toEqual([[0, 2 * MS, -6 * MS, false, 2 * MS - 10 * US], [10 * MS, 19 * MS, 1 * MS, true, 5 * MS]])
  })

  it('an overrun without any sleep: the older job ends unseen after the next release, a miss', () => {
    const j = jobsOf([[WAKE, 0], [SWITCH_IN, 0], [OUT_PREEMPTED, 5 * MS], [SWITCH_IN, 9 * MS], [OUT_BLOCKED, 14 * MS]])
    expect(j.jobs.map((x) => [x.completed_by, x.miss, x.lateness_at_least_ns, x.completion_ns]))
      .toEqual([['unseen', true, 2 * MS, null], ['block', false, null, 14 * MS]])
  })

  it('a wakeup while running ends the oldest job (its sleep found the next release past)', () => {
    const j = jobsOf([[WAKE, 0], [SWITCH_IN, 0], [WAKE, 11 * MS], [OUT_BLOCKED, 13 * MS]])
    expect(j.jobs.map((x) => [x.completed_by, x.completion_ns, x.miss])).toEqual([['wakeup_while_running', 11 * MS, true], ['block', 13 * MS, false]])
  })

  it('the trace ending mid-job: a job past its deadline is a miss, one before it is not counted', () => {
    const j = jobsOf([[WAKE, 0], [SWITCH_IN, 0], [OUT_BLOCKED, 1 * MS], [WAKE, 10 * MS], [SWITCH_IN, 10 * MS]], 25 * MS)
    expect(j.jobs.map((x) => [x.job, x.completed_by, x.miss])).toEqual([[0, 'block', false], [1, 'trace_end', true]])
    expect(j.diagnostics.unfinished_jobs).toBe(1)
  })

  it('an exit ends the running job only; a reused tid starts a new life', () => {
    const inst = taskInstances(
      [WAKE, SWITCH_IN, OUT_EXITED, WAKE, SWITCH_IN, OUT_BLOCKED],
      [0, 0, 12 * MS, 50 * MS, 50 * MS, 51 * MS],
    )
    expect(inst.length).toBe(2)
    const first = periodicJobs(inst[0], 8 * MS, 10 * MS, 1e12)!
    expect(first.jobs.map((x) => [x.completed_by, x.miss])).toEqual([['exit', true]])
    expect(periodicJobs(inst[1], 8 * MS, 10 * MS, 1e12)!.anchor_ns).toBe(50 * MS)
  })
})
