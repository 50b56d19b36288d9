// The independent test reader of perf script (perf-script-samples.ts): each line form of the
// corpora, read into the fold record (values written out by hand from the lines).
import { describe, expect, it } from 'vitest'
import { perfScriptSamples } from './perf-script-samples.js'

describe('perfScriptSamples', () => {
  it('reads event lines of each perf version', () => {
    const text = [
      'hotspots 14768 [000]  1311.885598:    1001001 cpu-clock:ppp: ', '',
      'V8 WorkerThread 24636/25607 [000] 94564.109216: 100 cycles:', '',
      'hotspots 14768  1311.885598105:    1001001 ', '',
      'java 19983 cycles:', '',
      'app 30/30 [000] 10.000004: sched:sched_switch: prev_comm=app prev_pid=30', '',
    ].join('\n')
    expect(perfScriptSamples(text)).toEqual([
      { comm: 'hotspots', pid: null, tid: 14768, event: 'cpu-clock:ppp', period: 1001001, args: null, frames: [] },
      { comm: 'V8 WorkerThread', pid: 24636, tid: 25607, event: 'cycles', period: 100, args: null, frames: [] },
      { comm: 'hotspots', pid: null, tid: 14768, event: null, period: 1001001, args: null, frames: [] },
      { comm: 'java', pid: null, tid: 19983, event: 'cycles', period: null, args: null, untimed: true, frames: [] },
      { comm: 'app', pid: 30, tid: 30, event: 'sched:sched_switch', period: null, args: 'prev_comm=app prev_pid=30', frames: [] },
    ])
  })

  it('reads frame lines, including column-0 frames of perf 3.x and a last sample with no blank line', () => {
    const text = [
      '# header',
      'java 19983 cycles:',
      'ffffffff8103d0ca native_write_msr_safe ([kernel.kallsyms])',
      '\t    7f0000000001 [unknown] (/usr/lib/libfoo.so (deleted))',
      '\t    7f1e2215d058  (/lib/x86_64-linux-gnu/libc-2.15.so)',
      '\t    7f89cc467bf0 Ljava/io/PrintStream;::println->Ljava/io/PrintStream;::print+0x0 (/tmp/perf-10487.map)',
      '\t          401b94 inlined_fn (inlined)',
      '\t    7f0000000013 interp_loop',
    ].join('\n')
    expect(perfScriptSamples(text)[0].frames).toEqual([
      { addr: 'ffffffff8103d0ca', symbol: 'native_write_msr_safe', offset: null, dso: '[kernel.kallsyms]' },
      { addr: '7f0000000001', symbol: '[unknown] (/usr/lib/libfoo.so', offset: null, dso: 'deleted)' },
      { addr: '7f1e2215d058', symbol: '', offset: null, dso: '/lib/x86_64-linux-gnu/libc-2.15.so' },
      { addr: '7f89cc467bf0', symbol: 'Ljava/io/PrintStream;::println->Ljava/io/PrintStream;::print', offset: '0x0', dso: '/tmp/perf-10487.map' },
      { addr: '401b94', symbol: 'inlined_fn', offset: null, dso: null, inlined: true },
      { addr: '7f0000000013', symbol: 'interp_loop', offset: null, dso: null },
    ])
  })

  it('names the line it cannot read', () => {
    expect(() => perfScriptSamples('\tffffffff81000001 f ([kernel.kallsyms])\n')).toThrow(/line 1: expected an event line/)
    expect(() => perfScriptSamples('a 1 1.0: cycles:\n\t  THIS_IS_A_WEIRD_LINE\n')).toThrow(/line 2: expected a frame line/)
  })
})
