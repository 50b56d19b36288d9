// `<stack trace>` blocks under the event they belong to (options/stacktrace, as perf-tools'
// kprobe -s and tpoint -s print them): the event's stack_id is the printed chain, leaf first.
import { describe, expect, test } from 'vitest'
import { columnValues } from './column-values.js'
import { parseFtraceText } from './parse-ftrace-text.js'
import { CORPORA, haveShared, linesOf, readText } from './test-inputs.js'

/** Each event's stack as printed: the ` => ` lines under the `<stack trace>` that follows it. */
function printedStacks(text: string): string[][] {
  return [...text.matchAll(/<stack trace>\n((?: => .*\n)+)/g)].map((m) => m[1].trimEnd().split('\n').map((l) => l.replace(/^ => /, '')))
}

describe.skipIf(!haveShared)('stacks of kprobe and tracepoint events (perf-tools examples)', () => {
  test.each([['kprobe_example.txt', 306, 341, 'mytcp'], ['tpoint_example.txt', 64, 114, 'block_rq_issue']])('%s', (file, from, to, name) => {
    const text = linesOf(readText(`${CORPORA}/perf-tools/examples/${file}`), from as number, to as number)
    const out = parseFtraceText(text)
    const names = columnValues(out, 'event', 'name')
    const ids = columnValues(out, 'event', 'stack_id')
    const symbols = columnValues(out, 'frame', 'symbol')
    const chains = ids.filter((_, r) => names[r] === name).map((id) => {
      const chain: string[] = []
      for (let n = id as number; n >= 0; n = out.stackNodes.parents[n]) chain.push(symbols[out.stackNodes.frames[n]] as string)
      return chain
    })
    const printed = printedStacks(text)
    expect(printed.length).toBeGreaterThan(2)
    expect(chains).toEqual(printed)
    expect(names).not.toContain('kernel_stack') // every stack attached to its event
    // one frame row per distinct frame text
    expect(symbols.length).toBe(new Set(printed.flat()).size)
  })
})
