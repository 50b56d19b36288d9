// `<stack trace>` blocks under the event they belong to (options/stacktrace, as perf-tools'
// kprobe -s and tpoint -s print them): the event's stack_id is the printed chain, leaf first.
import { describe, expect, test } from 'vitest'
import { columnValues } from '../../tables/piece-table-values.js'
import { parseFtraceText } from './parse-ftrace-text.js'
import { CORPORA, haveShared, linesOf, OURS, readText } from './test-inputs.js'

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

test('sym-offset and sym-addr frames; user stacks kept as user_stack rows (our recording)', () => {
  const text = readText(`${OURS}/symaddr-userstack.trace.txt.gz`)
  const out = parseFtraceText(text)
  // every distinct ` => func+0xOFF/0xSIZE <addr>` or ` =>  <addr>` line, as printed
  const printed = new Map<string, { symbol: string; offset: number | null; addr: bigint }>()
  for (const m of text.matchAll(/^ =>\s+(?:(\S+?)\+0x([0-9a-f]+)\/0x[0-9a-f]+ )?<([0-9a-f]+)>$/gm)) {
    printed.set(m[0], { symbol: m[1] ?? '[unknown]', offset: m[2] === undefined ? null : parseInt(m[2], 16), addr: BigInt(`0x${m[3]}`) })
  }
  expect(printed.size).toBe(new Set(text.split('\n').filter((l) => l.startsWith(' =>'))).size)
  const frames = [columnValues(out, 'frame', 'symbol'), columnValues(out, 'frame', 'offset'), columnValues(out, 'frame', 'addr')]
  const parsed = frames[0].map((sym, r) => ({ symbol: sym, offset: frames[1][r], addr: frames[2][r] }))
  expect(new Set(parsed.map((f) => JSON.stringify(f, (_, v) => typeof v === 'bigint' ? v.toString(16) : v))))
    .toEqual(new Set([...printed.values()].map((f) => JSON.stringify(f, (_, v) => typeof v === 'bigint' ? v.toString(16) : v))))
  const names = columnValues(out, 'event', 'name')
  expect(names.filter((n) => n === 'user_stack').length).toBe((text.match(/<user stack trace>/g) ?? []).length)
  const counts = new Map(out.eventNames.strings.map((n, i) => [n, out.eventCounts[i]]))
  expect(counts.get('kernel_stack')).toBe((text.match(/<stack trace>/g) ?? []).length)
  // kernel stacks of sched_switch events are attached to their rows
  expect(columnValues(out, 'sched_switch', 'stack_id').every((id) => id !== null)).toBe(true)
})
