// rt-app task files as doc/tutorial.txt describes them (the taskset shipped with rt-app, and
// the defaults: period = runtime, deadline = period).
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rtAppTasks } from './rt-app-tasks.js'

describe('rtAppTasks', () => {
  it('reads SCHED_DEADLINE parameters in microseconds, with their defaults', () => {
    const json = JSON.stringify({ tasks: {
      dl_a: { policy: 'SCHED_DEADLINE', 'dl-runtime': 6000, 'dl-period': 20000, 'dl-deadline': 8000 },
      dl_b: { policy: 'SCHED_DEADLINE', 'dl-runtime': 1000, 'dl-period': 10000 },
      dl_c: { policy: 'SCHED_DEADLINE', 'dl-runtime': 500, instance: 3 },
    } })
    expect(rtAppTasks(json)).toEqual([
      { match: 'dl_a', runtimeNs: 6e6, periodNs: 20e6, deadlineNs: 8e6 },
      { match: 'dl_b', runtimeNs: 1e6, periodNs: 10e6, deadlineNs: 10e6 },
      { match: 'dl_c*', runtimeNs: 5e5, periodNs: 5e5, deadlineNs: 5e5 },
    ])
  })

  it('reads a timer-driven periodic task from its phase', () => {
    const json = JSON.stringify({ tasks: { thread0: { phases: { p0: { run: 3000, timer: { ref: 'unique', period: 10000 } } } } } })
    expect(rtAppTasks(json)).toEqual([{ match: 'thread0', runtimeNs: 3e6, periodNs: 10e6, deadlineNs: 10e6 }])
  })

  it('refuses a task that is not periodic, naming it', () => {
    expect(() => rtAppTasks(JSON.stringify({ tasks: { busy: { run: 1000 } } }))).toThrow(/task "busy"/)
  })

  const example = '/usr/share/doc/rt-app/examples/tutorial/example2.json'
  it.runIf(existsSync(example))('reads the tutorial example installed with rt-app (C comments and all): run 10000 us every 100000 us', () => {
    expect(rtAppTasks(readFileSync(example, 'utf8'))).toEqual([{ match: 'thread0', runtimeNs: 10e6, periodNs: 100e6, deadlineNs: 100e6 }])
  })
})
