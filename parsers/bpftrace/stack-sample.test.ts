// Stack keys: frames as bpftrace prints them (sym+off, bare addresses, perf mode), one sample
// per entry, shared callers stored once.
import { expect, test } from 'vitest'
import { parseBpftraceText } from './parse-bpftrace-text.js'
import { framesOutermostFirst, tableRows } from './table-rows.test-util.js'

test('sym+off, 0x addresses and perf-mode frames (address, symbol, dso)', () => {
  const out = parseBpftraceText([
    '@[',
    '    hot_fib+41',
    '    0x55f2c7bc33bd',
    '    pthread_sigmask@GLIBC_2.2.5+68',
    '        ffffffff8104f1a5 do_syscall_64+85 ([kernel.kallsyms])',
    ']: 7',
  ].join('\n'))
  expect(tableRows(out, 'frame')).toEqual([
    { id: 0, addr: 0xffffffff8104f1a5n, symbol: 'do_syscall_64', offset: 85, dso: '[kernel.kallsyms]', inlined: 0 },
    { id: 1, addr: null, symbol: 'pthread_sigmask@GLIBC_2.2.5', offset: 68, dso: null, inlined: 0 },
    { id: 2, addr: 0x55f2c7bc33bdn, symbol: '0x55f2c7bc33bd', offset: null, dso: null, inlined: 0 },
    { id: 3, addr: null, symbol: 'hot_fib', offset: 41, dso: null, inlined: 0 },
  ])
  const [sample] = tableRows(out, 'sample')
  expect(sample).toMatchObject({ event: '@', comm: '', period: 7 })
  expect(framesOutermostFirst(out, sample.stack_id as number).at(-1)).toBe('hot_fib+41')
})

test('two stacks sharing their callers share stack nodes; kernel frames sit on the user ones', () => {
  const out = parseBpftraceText([
    '@[', '    leaf_a+1', '    kmid+2', ', ', '    umain+3', ', bash]: 2',
    '@[', '    leaf_b+1', '    kmid+2', ', ', '    umain+3', ', bash]: 5',
  ].join('\n'))
  const samples = tableRows(out, 'sample')
  expect(samples.map((s) => [s.comm, s.period, framesOutermostFirst(out, s.stack_id as number).join(';')])).toEqual([
    ['bash', 2, 'umain+3;kmid+2;leaf_a+1'], ['bash', 5, 'umain+3;kmid+2;leaf_b+1']])
  expect(out.stackNodes.length).toBe(4)
})
