// Bad input stops with a TraceInputError that says where (piece line), what was expected, and shows the line.
import { describe, expect, test } from 'vitest'
import { TraceInputError } from '../parser.js'
import { parseFtraceText } from './parse-ftrace-text.js'

const GOOD = '            bash-17307   [001] .....  1652.306192: sys_exit: NR 1 = 2\n'

function errorOf(text: string): TraceInputError {
  try {
    parseFtraceText(text)
  } catch (e) {
    if (e instanceof TraceInputError) return e
    throw e
  }
  throw new Error('no error')
}

describe('bad input', () => {
  test('a line that is no event, after a decoded event', () => {
    const e = errorOf(`# tracer: nop\n${GOOD}garbage here\n${GOOD}`)
    expect(e.line).toBe(3)
    expect(e.excerpt).toBe('garbage here')
    expect(e.expected).toMatch(/ftrace event line/)
  })

  test('a last line cut in its timestamp', () => {
    const e = errorOf(`${GOOD}${GOOD.slice(0, 45)}`)
    expect(e.line).toBe(2)
    expect(e.excerpt).toBe(GOOD.slice(0, 45))
  })

  test('a timestamp with more than nine decimals', () => {
    const e = errorOf(`${GOOD}            bash-17307   [001] .....  1652.3061920001: sys_exit: NR 1 = 2\n`)
    expect(e.line).toBe(2)
  })

  test('a first line that is neither header nor event', () => {
    const e = errorOf('hello world\n')
    expect(e.line).toBe(1)
    expect(e.excerpt).toBe('hello world')
  })

  test('options/latency-format output (relative microseconds) is refused by name', () => {
    // header and line as this VM's kernel (6.18) prints them with options/latency-format on
    const e = errorOf([
      '# tracer: nop', '#', '# nop latency trace v1.1.5 on 6.18.44-fc-v657',
      '    bash-3435      1d..2. 17398us#: sched_switch: prev_comm=bash prev_pid=3435 prev_prio=120 prev_state=S ==> next_comm=tsc next_pid=3448 next_prio=120', '',
    ].join('\n'))
    expect(e.line).toBe(3)
    expect(e.expected).toMatch(/latency-format/)
  })

  test('binary bytes show as ? in the excerpt', () => {
    const e = errorOf(`${GOOD}\x01\x02binary\n`)
    expect(e.excerpt).toBe('??binary')
  })
})
