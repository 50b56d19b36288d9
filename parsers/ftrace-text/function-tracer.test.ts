// The function tracer's `func <-parent` lines and uprobe events (perf-tools examples): kept in
// `event`, one row per printed line, with the text as printed.
import { describe, expect, test } from 'vitest'
import { columnValues } from '../../tables/piece-table-values.js'
import { parseFtraceText } from './parse-ftrace-text.js'
import { CORPORA, haveShared, linesOf, readText } from './test-inputs.js'

describe.skipIf(!haveShared)('perf-tools examples', () => {
  test('function tracer, with and without the header', () => {
    const doc = readText(`${CORPORA}/perf-tools/examples/functrace_example.txt`)
    for (const [from, to] of [[9, 18], [39, 51]]) {
      const text = linesOf(doc, from, to)
      const printed = [...text.matchAll(/^\s*\S+-(\d+)\s+\[(\d+)\] \.{4} (\d+)\.(\d+): (.*)$/gm)]
      const out = parseFtraceText(text)
      expect(columnValues(out, 'event', 'name')).toEqual(printed.map(() => 'function'))
      expect(columnValues(out, 'event', 'args')).toEqual(printed.map((m) => m[5]))
      expect(columnValues(out, 'event', 'ts')).toEqual(printed.map((m) => Number(m[3]) * 1e9 + Number(m[4]) * 1e3))
      expect(columnValues(out, 'event', 'tid')).toEqual(printed.map((m) => Number(m[1])))
    }
  })

  test('uprobe events: payload as printed; microsecond times past 2^53 ns stay exact', () => {
    const text = linesOf(readText(`${CORPORA}/perf-tools/examples/uprobe_example.txt`), 75, 79)
    const out = parseFtraceText(text)
    expect(columnValues(out, 'event', 'name')).toEqual(Array(5).fill('readline'))
    expect(columnValues(out, 'event', 'args')[1]).toBe('(0x41e876 <- 0x48db60) arg1="echo "hello world""')
    expect(BigInt(columnValues(out, 'event', 'ts')[0] as number)).toBe(19601837001935000n)
  })
})
