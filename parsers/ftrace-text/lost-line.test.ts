// The lost-events lines of the kernel (kernel/trace/trace.c print_trace_line) and of trace-cmd
// report (`CPU:%d [%lld EVENTS DROPPED]`), with and without a count.
import { expect, test } from 'vitest'
import { columnValues } from '../../tables/piece-table-values.js'
import { parseFtraceText } from './parse-ftrace-text.js'

const EVENT = (cpu: number, us: string): string => `            bash-1     [00${cpu}] .....   100.${us}: sched_process_exit: comm=bash pid=1 prio=120 group_dead=1\n`

test.each([
  ['CPU:1 [LOST 17 EVENTS]', 1, 17],
  ['CPU:1 [LOST EVENTS]', 1, null],
  ['CPU:1 [204600 EVENTS DROPPED]', 1, 204600],
  ['CPU:1 [EVENTS DROPPED]', 1, null],
  ['[LOST 9 EVENTS]', null, 9],
])('%s', (line, cpu, count) => {
  const out = parseFtraceText(`${EVENT(0, '000001')}${line}\n${EVENT(1, '000002')}`)
  expect(columnValues(out, 'lost', 'cpu')).toEqual([cpu])
  expect(columnValues(out, 'lost', 'count')).toEqual([count])
  expect(columnValues(out, 'lost', 'ts')).toEqual([100000002000])
})

test('a lost line at the end of the input has no time', () => {
  const out = parseFtraceText(`${EVENT(0, '000001')}CPU:0 [LOST 3 EVENTS]\n`)
  expect(columnValues(out, 'lost', 'ts')).toEqual([null])
  expect(columnValues(out, 'lost', 'count')).toEqual([3])
})
