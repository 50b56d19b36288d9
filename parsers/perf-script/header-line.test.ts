// Event lines of every shape met in the corpora and fixtures, read field by field (values by hand).
import { describe, expect, it } from 'vitest'
import { HeaderLine } from './header-line.js'

function read(line: string) {
  const b = new TextEncoder().encode(line)
  let s = 0
  while (b[s] === 0x20) s++
  const h = new HeaderLine()
  if (!h.read(b, s, b.length)) return null
  const text = (a: number, e: number) => (a < 0 ? null : line.slice(a, e))
  return { comm: text(h.commStart, h.commEnd), pid: h.pid, tid: h.tid, cpu: h.cpu, ts: Number.isNaN(h.ts) ? null : h.ts,
    period: Number.isNaN(h.period) ? null : h.period, name: text(h.nameStart, h.nameEnd), record: h.record, rest: line.slice(h.restStart, h.restEnd) }
}

describe('HeaderLine', () => {
  it.each([
    ['            perf 14387 [000]  1246.206458:       sched:sched_wakeup: comm=migration/0 pid=18',
      { comm: 'perf', pid: -1, tid: 14387, cpu: 0, ts: 1246206458000, period: null, name: 'sched:sched_wakeup', record: false, rest: 'comm=migration/0 pid=18' }],
    ['Web Content 2 30555 [001]  1656.472524:     sched:sched_switch: prev_comm=Web Content 2',
      { comm: 'Web Content 2', tid: 30555, cpu: 1, name: 'sched:sched_switch', rest: 'prev_comm=Web Content 2' }],
    ['             :-1    -1 [000]  1871.106237:       sched:sched_switch: x=1', { comm: ':-1', tid: -1, cpu: 0, ts: 1871106237000 }],
    ['hotspots 14768/14770 [000]  1311.886594: cpu-clock:ppp: ', { comm: 'hotspots', pid: 14768, tid: 14770, name: 'cpu-clock:ppp', rest: '' }],
    ['hotspots 14770  1311.886594380:    1001001 ', { comm: 'hotspots', tid: 14770, cpu: -1, ts: 1311886594380, period: 1001001, name: null, rest: '' }],
    ['hotspots 14768 [000]  1311.885598:    1001001 cpu-clock:ppp: ', { period: 1001001, name: 'cpu-clock:ppp' }],
    ['java 19983 cycles:', { comm: 'java', tid: 19983, ts: null, name: 'cycles' }],
    ['           false 39654 19115.489713:          1 cycles:u:  ffffffff9b201293 [unknown] ([unknown])',
      { comm: 'false', period: 1, name: 'cycles:u', rest: 'ffffffff9b201293 [unknown] ([unknown])' }],
    ['simple-terminat     9/9     198791.127353: cpu-clock: ', { comm: 'simple-terminat', pid: 9, tid: 9, cpu: -1, name: 'cpu-clock' }],
    ['            perf  9672 [001]   400.969306: PERF_RECORD_LOST lost 472', { name: 'PERF_RECORD_LOST', record: true, rest: 'lost 472' }],
    ['     process_api     0 [000]     0.000000: PERF_RECORD_COMM: process_api:1/1', { name: 'PERF_RECORD_COMM', record: true, rest: 'process_api:1/1' }],
    ['         swapper     0 [000]     0.000000: PERF_RECORD_FORK(1:1):(0:0)', { name: 'PERF_RECORD_FORK', rest: '(1:1):(0:0)' }],
    ['swapper     0 [012] 2281339.604067:   20834821 cycles:', { cpu: 12, ts: 2281339604067000, period: 20834821 }],
  ])('%s', (line, want) => {
    expect(read(line)).toMatchObject(want)
  })

  it.each([
    'this', 'is an unknown',
    '            perf 14387 [000]  ', // cut before the time: nothing says it is an event
    '    ffffffff8103d0ca native_write_msr_safe ([kernel.kallsyms])',
    '             643 _Z4betav (/workdir/simple-terminates)',
    'Attaching 1 probe...',
  ])('not an event line: %s', (line) => {
    expect(read(line)).toBeNull()
  })

  it('an ftrace line reads only as a comm with spaces and no tid (which the detector refuses)', () => {
    expect(read('          <idle>-0     [001] d..1.  1234.567890: sched_switch: prev_comm=x')).toMatchObject({
      comm: '<idle>-0     [001] d..1.', tid: -1, cpu: -1, ts: 1234567890000, name: 'sched_switch' })
  })
})
