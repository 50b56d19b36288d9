// Event selectors from perf's recording command lines (headers.cmdline), as perf-record(1)
// and perf-list(1) write them: -e/--event, comma lists, {groups}, pmu/terms/ and modifiers.
import { describe, expect, it } from 'vitest'
import { isTracepoint, recordedEvents, splitEventList } from './recorded-events.js'

describe('recordedEvents', () => {
  it('reads the command lines of the fixtures-real recordings', () => {
    expect(recordedEvents(['/usr/bin/perf', 'record', '-m', '16M', '-e',
      'sched:sched_switch,sched:sched_wakeup,sched:sched_wakeup_new', '-a', '-o', 'x.data', '--', 'sh', '-c', 'hackbench -e x']))
      .toEqual(['sched:sched_switch', 'sched:sched_wakeup', 'sched:sched_wakeup_new'])
    expect(recordedEvents(['/usr/bin/perf', 'record', '-F', '999', '-g', '-a', '-o', 'y.data', '--', 'hotspots', '2', '2']))
      .toEqual(['cycles|cpu-clock'])
    expect(recordedEvents(['/usr/bin/perf', 'trace', 'record', '-o', 'z.data', '--', 'sh']))
      .toEqual(['raw_syscalls:sys_enter', 'raw_syscalls:sys_exit'])
  })

  it('takes -e, -eX, --event X, --event=X, repeated, in order', () => {
    expect(recordedEvents(['perf', 'record', '-e', 'a:b', '-ec:d', '--event', 'e:f', '--event=g:h', 'sleep', '1']))
      .toEqual(['a:b', 'c:d', 'e:f', 'g:h'])
  })

  it('stops at the workload command, whose own -e is not perf\'s', () => {
    expect(recordedEvents(['perf', 'record', '-ag', '-F999', '-m', '16M', '-e', 'cycles', 'grep', '-e', 'foo', 'file'])).toEqual(['cycles'])
    expect(recordedEvents(['perf', 'record', '-o', '-e.data', '--call-graph', 'dwarf', '-ae', 'a:b', 'sh'])).toEqual(['a:b'])
  })

  it('is empty for a command that records nothing it can name', () => {
    expect(recordedEvents(['perf', 'stat', '-e', 'cycles'])).toEqual([])
  })
})

describe('splitEventList', () => {
  it('splits at top-level commas, keeping pmu terms and opening groups', () => {
    expect(splitEventList('cycles,instructions')).toEqual(['cycles', 'instructions'])
    expect(splitEventList('cpu/event=0x3c,umask=0x0/,cycles:u')).toEqual(['cpu/event=0x3c,umask=0x0/', 'cycles:u'])
    expect(splitEventList('{cycles,instructions}:S,raw_syscalls:*')).toEqual(['cycles', 'instructions', 'raw_syscalls:*'])
  })
})

describe('isTracepoint', () => {
  it('tells system:event from event:modifiers', () => {
    expect(['sched:sched_switch', 'raw_syscalls:*', 'cycles:u', 'cpu-clock:ppp', 'cycles', 'cpu/event=0x3c/']
      .map(isTracepoint)).toEqual([true, true, false, false, false, false])
  })
})
