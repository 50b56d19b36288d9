// Timestamps as ftrace prints them, read exactly: no float rounding on the way to ns.
import { expect, test } from 'vitest'
import { parseTimestamp, type Timestamp } from './timestamp.js'

const read = (s: string): Timestamp | null => {
  const out: Timestamp = { value: 0, isCount: false }
  return parseTimestamp(new TextEncoder().encode(s), 0, s.length, out) ? out : null
}

test.each([
  ['1652.306192', 1652306192000], // trace, trace_pipe, trace-cmd report: microseconds
  ['1653.079149502', 1653079149502], // trace-cmd report -t
  ['7238523.638008', 7238523638008000], // 83 days of uptime, still exact below 2^53
  ['   34.896920', 34896920000],
  ['0.000000001', 1],
])('%s s = %i ns', (text, ns) => {
  expect(read(text)).toEqual({ value: ns, isCount: false })
  expect(Number.isSafeInteger(ns)).toBe(true)
})

test('a bare integer is a raw clock count (x86-tsc, counter, uptime), kept as is', () => {
  expect(read('1074213384081')).toEqual({ value: 1074213384081, isCount: true })
})

test.each(['', '12.', '.5', '1.2345678901', '12a.5', '1.5x'])('rejects %j', (text) => {
  expect(read(text)).toBeNull()
})
