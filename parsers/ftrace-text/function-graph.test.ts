// function_graph output from brendangregg/perf-tools' examples (real kernel text), read back
// against the text itself: every printed duration exactly in ns, each closing brace paired
// with its entry by an independent brace count per task, names checked against the
// funcgraph-tail comments (`} /* __schedule */`), call counts against a plain count of lines.
import { describe, expect, test } from 'vitest'
import { columnValues } from '../../tables/piece-table-values.js'
import { parseFtraceText } from './parse-ftrace-text.js'
import { CORPORA, haveShared, linesOf, readText } from './test-inputs.js'

interface Call { fn: string; durationNs: number; ts: number | null; braceDepth: number; task: string; entryShown: boolean }

const GRAPH = /^(?:(\d+)\.(\d+) \|)?\s*(\d+)\)\s(.*)$/
const SWITCH = /^\s*\S+-(\d+)\s+=>\s+\S+-(\d+)\s*$/
const DURATION = /^\s*[+!#*@$]?\s*(\d+)(?:\.(\d+))? us\s*\|(.*)$/

/** The calls the text shows, in the order they close: an independent reading of the output. */
function printedCalls(text: string): Call[] {
  const calls: Call[] = []
  const stacks = new Map<string, { fn: string; ts: number | null; depth: number }[]>()
  const depthOf = new Map<string, number>()
  const running = new Map<string, string>()
  for (const line of text.split('\n')) {
    const m = GRAPH.exec(line)
    if (m === null) continue
    const ts = m[1] === undefined ? null : Number(m[1]) * 1e9 + Number(m[2].padEnd(9, '0'))
    const cpu = m[3]
    let rest = m[4]
    const sw = SWITCH.exec(rest)
    if (sw !== null) {
      const was = running.get(cpu) ?? `cpu${cpu}`
      if (was.startsWith('cpu')) { stacks.set(sw[1], stacks.get(was) ?? []); depthOf.set(sw[1], depthOf.get(was) ?? 0) }
      running.set(cpu, sw[2])
      continue
    }
    const task = running.get(cpu) ?? `cpu${cpu}`
    let durationNs = NaN
    const d = DURATION.exec(rest)
    if (d !== null) { durationNs = Number(d[1]) * 1000 + Number((d[2] ?? '').padEnd(3, '0')); rest = d[3] }
    else if (/^\s*\|/.test(rest)) rest = rest.replace(/^\s*\|/, '')
    const text = rest.trim()
    const stack = stacks.get(task) ?? []
    stacks.set(task, stack)
    const depth = depthOf.get(task) ?? 0
    if (text.endsWith('{')) {
      stack.push({ fn: text.slice(0, text.indexOf('(')), ts, depth })
      depthOf.set(task, depth + 1)
    } else if (text.startsWith('}')) {
      const tail = /\/\* (\S+) \*\//.exec(text)?.[1]
      // a tail naming another function than the innermost open one: that function's entry line is missing
      const open = tail !== undefined && stack.length > 0 && stack[stack.length - 1].fn !== tail ? undefined : stack.pop()
      if (open !== undefined) {
        depthOf.set(task, depth - 1)
        calls.push({ fn: open.fn, durationNs, ts: open.ts, braceDepth: depth - 1, task, entryShown: true })
      } else if (stack.length > 0) {
        calls.push({ fn: tail ?? '[unknown]', durationNs, ts: ts === null ? null : ts - durationNs, braceDepth: depth, task, entryShown: false })
      } else {
        depthOf.set(task, depth - 1)
        calls.push({ fn: tail ?? '[unknown]', durationNs, ts: ts === null ? null : ts - durationNs, braceDepth: depth - 1, task, entryShown: false })
      }
    } else if (text.endsWith(';')) {
      calls.push({ fn: text.slice(0, text.indexOf('(')), durationNs, ts, braceDepth: depth, task, entryShown: true })
    }
  }
  return calls
}

const BLOCKS: [string, number, number][] = [
  ['funcgraph do_nanosleep (task switch inside)', 9, 128],
  ['funcgraph -m 3 do_nanosleep (1000154 us, no decimals)', 163, 175],
  ['funcgraph -m 3 do_sys_open', 182, 202],
  ['funcgraph -Htp 5363 vfs_read (abstime, header, tail comments)', 247, 1612],
  ['funcgraph -Ctp 25285 vfs_read (abstime, starts mid-stack)', 1628, 2147],
]

describe.skipIf(!haveShared)('function_graph (perf-tools examples)', () => {
  const doc = haveShared ? readText(`${CORPORA}/perf-tools/examples/funcgraph_example.txt`) : ''

  test.each(BLOCKS)('%s', (_, from, to) => {
    const text = linesOf(doc, from, to)
    const out = parseFtraceText(text)
    const fn = columnValues(out, 'func_call', 'function')
    const dur = columnValues(out, 'func_call', 'duration_ns')
    const ts = columnValues(out, 'func_call', 'ts')
    const depth = columnValues(out, 'func_call', 'depth')
    const closed = fn.map((_, r) => r).filter((r) => dur[r] !== null)
    const expected = printedCalls(text)
    expect(closed.map((r) => [fn[r], dur[r], ts[r]])).toEqual(expected.map((c) => [c.fn, c.durationNs, c.ts]))
    // depth is read from the indentation; the brace count per task differs from it by where the output started
    const offsets = new Map<string, Set<number>>()
    closed.forEach((r, i) => {
      const task = expected[i].task
      if (!offsets.has(task)) offsets.set(task, new Set())
      offsets.get(task)!.add((depth[r] as number) - expected[i].braceDepth)
    })
    for (const set of offsets.values()) expect(set.size).toBe(1)
    // calls per function: one row per entry or leaf line, plus the closing braces whose entry is not shown
    const perFn = new Map<string, number>()
    for (const f of fn) perFn.set(f as string, (perFn.get(f as string) ?? 0) + 1)
    const shown = new Map<string, number>()
    for (const m of text.matchAll(/\|\s+([\w.]+)\(\)(?: \{|;)$/gm)) shown.set(m[1], (shown.get(m[1]) ?? 0) + 1)
    for (const c of expected) if (!c.entryShown) shown.set(c.fn, (shown.get(c.fn) ?? 0) + 1)
    expect(perFn).toEqual(shown)
    // events as the ring buffer holds them: a leaf line is an entry and an exit
    const leaves = (text.match(/\);$/gm) ?? []).length
    const counts = new Map(out.eventNames.strings.map((n, i) => [n, out.eventCounts[i]]))
    expect(counts.get('funcgraph_entry')).toBe((text.match(/\) \{$/gm) ?? []).length + leaves)
    expect(counts.get('funcgraph_exit')).toBe((text.match(/\|\s+\}( \/\*.*\*\/)?$/gm) ?? []).length + leaves)
  })

  test('a closing brace with a funcgraph-tail comment closes the entry of that name', () => {
    const text = linesOf(doc, 247, 1612)
    const out = parseFtraceText(text)
    const fn = columnValues(out, 'func_call', 'function')
    const tails = [...text.matchAll(/\} \/\* (\S+) \*\//g)].map((m) => m[1])
    expect(tails.length).toBeGreaterThan(5)
    for (const t of tails) expect(fn).toContain(t)
    // `19354026 us |            } /* __schedule */`: __schedule's entry is before the output
    const r = fn.indexOf('__schedule')
    expect(columnValues(out, 'func_call', 'duration_ns')[r]).toBe(19354026000)
  })

  test('without the duration column (-D): calls and depths, durations null', () => {
    const out = parseFtraceText(linesOf(doc, 214, 232))
    const fn = columnValues(out, 'func_call', 'function')
    expect(fn.slice(0, 3)).toEqual(['getname_flags', 'getname', '__alloc_fd'])
    expect(columnValues(out, 'func_call', 'depth').slice(0, 3)).toEqual([2, 1, 2])
    expect(columnValues(out, 'func_call', 'duration_ns').every((d) => d === null)).toBe(true)
  })
})

describe('function_graph line forms', () => {
  test('task column, tail comments with parentheses, trace_printk comments, the widest marks', () => {
    // shapes as Documentation/trace/ftrace.rst shows them (funcgraph-proc, funcgraph-tail)
    const text = [
      ' 0)    sh-4802     |               |  d_free() {',
      ' 0)    sh-4802     |               |    kmem_cache_free() {',
      ' 0)    sh-4802     |   0.518 us    |      __phys_addr();',
      ' 0)    sh-4802     |               |      /* I\'m a comment! */',
      ' 0)    sh-4802     |   1.757 us    |    } /* kmem_cache_free() */',
      ' 0)    sh-4802     | @ 119760.2 us |  }',
      ' 1)    sh-4803     | $ 3594274 us  |  } /* schedule_preempt_disabled() */',
      '',
    ].join('\n')
    const out = parseFtraceText(text)
    expect(columnValues(out, 'func_call', 'function')).toEqual(['__phys_addr', 'kmem_cache_free', 'd_free', 'schedule_preempt_disabled'])
    expect(columnValues(out, 'func_call', 'duration_ns')).toEqual([518, 1757, 119760200, 3594274000])
    expect(columnValues(out, 'func_call', 'tid')).toEqual([4802, 4802, 4802, 4803])
    expect(columnValues(out, 'func_call', 'marker')).toEqual([null, null, '@', '$'])
    expect(out.unparsed.count).toBe(1) // the comment: no time to give it without funcgraph-abstime
  })

  test('events printed as comments go to their tables, with the time and task of the line', () => {
    const text = [
      '  100.000001 |   0)               |  __schedule() {',
      '  100.000002 |   0)               |    /* sched_switch: prev_comm=a prev_pid=1 prev_prio=120 prev_state=S ==> next_comm=b next_pid=2 next_prio=120 */',
      '  100.000003 |   0)               |    /* hello from trace_printk */',
      '',
    ].join('\n')
    const out = parseFtraceText(text)
    expect(columnValues(out, 'sched_switch', 'ts')).toEqual([100000002000])
    expect(columnValues(out, 'sched_switch', 'next_tid')).toEqual([2])
    expect(columnValues(out, 'event', 'name')).toEqual(['print'])
    expect(columnValues(out, 'event', 'args')).toEqual(['hello from trace_printk'])
    expect(columnValues(out, 'func_call', 'function')).toEqual(['__schedule'])
    expect(columnValues(out, 'func_call', 'duration_ns')).toEqual([null])
  })

  test('without the CPU column (nofuncgraph-cpu), with and without abstime', () => {
    for (const prefix of ['', '  360.774522 |']) {
      const text = [
        `${prefix}               |  putname() {`,
        `${prefix}   0.518 us    |    kmem_cache_free();`,
        `${prefix}   2.861 us    |  }`,
        '',
      ].join('\n')
      const out = parseFtraceText(text)
      expect(columnValues(out, 'func_call', 'function')).toEqual(['kmem_cache_free', 'putname'])
      expect(columnValues(out, 'func_call', 'duration_ns')).toEqual([518, 2861])
      expect(columnValues(out, 'func_call', 'depth')).toEqual([1, 0])
      expect(columnValues(out, 'func_call', 'cpu')).toEqual([null, null])
      expect(columnValues(out, 'func_call', 'ts')).toEqual(prefix === '' ? [null, null] : [360774522000, 360774522000])
    }
  })

  test('overhead marks, IRQ borders, truncated decimals', () => {
    // shapes as kernel/trace/trace_functions_graph.c prints them (8 characters for the number)
    const text = [
      '# tracer: function_graph',
      ' 1)               |  __schedule() {',
      ' 1)   ==========> |',
      ' 1)               |    asm_sysvec_apic_timer_interrupt() {',
      ' 1)   0.500 us    |      irq_enter_rcu();',
      ' 1) + 12.345 us   |    }',
      ' 1)   <========== |',
      ' 1) ! 123456.7 us |  }',
      '',
    ].join('\n')
    const out = parseFtraceText(text)
    expect(columnValues(out, 'func_call', 'function')).toEqual(['irq_enter_rcu', 'asm_sysvec_apic_timer_interrupt', '__schedule'])
    expect(columnValues(out, 'func_call', 'duration_ns')).toEqual([500, 12345, 123456700])
    expect(columnValues(out, 'func_call', 'marker')).toEqual(['irq', 'irq', '!'])
    expect(columnValues(out, 'func_call', 'depth')).toEqual([2, 1, 0])
  })
})
