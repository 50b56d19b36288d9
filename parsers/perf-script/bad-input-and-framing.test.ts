// Bar 4 and the streaming contract: bad input stops with a TraceInputError naming the line and
// showing an excerpt; the detector tells perf script text from the other text formats; pieces
// cut by the framer parse, one by one, into exactly what the whole text gives.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PieceTables } from '../../tables/piece-tables.js'
import { TraceInputError } from '../parser.js'
import { detectPerfScript } from './detect-perf-script.js'
import { parsePerfScriptText } from './parse-perf-script-text.js'
import { perfScriptParser } from './perf-script-parser.js'
import { columnValues, eventCounts, framesOf } from '../../tables/piece-table-values.js'
import { CORPORA, FIXTURES, REAL, readText } from '../../test/shared-paths.js'

const OURS = `${FIXTURES}/perf-script/`

function inputError(text: string | Uint8Array): TraceInputError {
  try {
    parsePerfScriptText(text)
  } catch (e) {
    if (e instanceof TraceInputError) return e
    throw e
  }
  throw new Error('no error')
}

const SWITCH = '            perf 14387 [000]  1246.206464:       sched:sched_switch: prev_comm=perf prev_pid=14387 prev_prio=120 prev_state=D ==> next_comm=migration/0 next_pid=18 next_prio=0\n'
const SAMPLE = 'hotspots 14770 [000]  1311.886594:    1001001 cpu-clock:ppp: \n\t            125a hot_matrix+0x69 (/usr/local/bin/hotspots)\n\t            13bd phase_compute+0x38 (/usr/local/bin/hotspots)\n\n'

describe('bad input', () => {
  it('empty input', () => {
    expect(inputError('')).toMatchObject({ line: 1 })
  })

  it('binary garbage', () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256)
    const e = inputError(garbage)
    expect(e.line).toBe(1)
    expect(e.excerpt.length).toBeGreaterThan(0)
    expect(detectPerfScript(garbage, true)).toBe('no')
  })

  it('garbage after good events names its line', () => {
    const e = inputError(SWITCH + SWITCH + '\u0000\u0001\u0002 binary\n')
    expect(e).toMatchObject({ line: 3, excerpt: '??? binary' })
  })

  it('a last line cut inside its payload', () => {
    const e = inputError(SWITCH + SWITCH.slice(0, 120))
    expect(e.line).toBe(2)
    expect(e.excerpt).toBe(SWITCH.slice(0, 120))
    expect(e.message).toMatch(/whole event line/)
  })

  it('a last line cut inside its event line fields', () => {
    expect(inputError(SWITCH + SWITCH.slice(0, 30)).line).toBe(2)
  })

  it('a last line cut inside a callchain frame', () => {
    const cut = SAMPLE.slice(0, SAMPLE.indexOf('(/usr/local/bin/hotspots)\n\n') + 10)
    const e = inputError(cut)
    expect(e.line).toBe(3)
    expect(e.message).toMatch(/callchain/)
  })

  it('garbage after repeated callchains names its line (a callchain met before is not read line by line)', () => {
    expect(inputError(SAMPLE + SAMPLE + SAMPLE + 'garbage\n')).toMatchObject({ line: 13, excerpt: 'garbage' })
  })

  it('a repeated callchain gives each sample its frames, also between other callchains', () => {
    const other = SAMPLE.replace('hot_matrix+0x69', 'cold_path+0x1')
    const out = parsePerfScriptText(SAMPLE + other + SAMPLE + SWITCH + SAMPLE)
    const stacks = columnValues(out, 'sample', 'stack_id').map((s) => framesOf(out, s as number | null))
    const hot = ['125a hot_matrix+0x69 (/usr/local/bin/hotspots)', '13bd phase_compute+0x38 (/usr/local/bin/hotspots)']
    expect(stacks).toEqual([hot, [hot[0].replace('hot_matrix+0x69', 'cold_path+0x1'), hot[1]], hot, hot])
    expect(eventCounts(out)).toEqual(new Map([['cpu-clock:ppp', 4], ['sched:sched_switch', 1]]))
  })

  it('a whole last line without newline is whole', () => {
    expect(eventCounts(parsePerfScriptText(SWITCH + SWITCH.trimEnd()))).toEqual(new Map([['sched:sched_switch', 2]]))
    expect(columnValues(parsePerfScriptText(SAMPLE.trimEnd()), 'sample', 'stack_id')).toEqual([1])
  })

  it('an unknown tracepoint and an undecodable payload are kept in event and counted as unparsed only for the latter', () => {
    const text = SWITCH.replace('sched:sched_switch: prev_comm=perf', 'sched:sched_stat_runtime: comm=perf runtime=5 [ns]') +
      SWITCH.replace('prev_comm=perf prev_pid=14387', 'prev_comm=perf')
    const out = parsePerfScriptText(text)
    expect(columnValues(out, 'event', 'name')).toEqual(['sched:sched_stat_runtime', 'sched:sched_switch'])
    expect(out.unparsed).toEqual({ count: 1, firstLines: [2] })
  })
})

describe('detect', () => {
  const head = (path: string) => readText(path).subarray(0, 4096)
  it('perf script text, with or without --header, -F lists, --ns', () => {
    for (const f of ['sched/hackbench-small.perf-script.txt.gz', 'cpu/hotspots-small.perf-script-F1.txt.gz',
      'cpu/hotspots-small.perf-script-F2-ns.txt.gz', 'syscalls/small-mix.perf-script.txt.gz']) {
      expect(detectPerfScript(head(`${REAL}/${f}`), false), f).toBe('yes')
    }
    expect(detectPerfScript(head(`${CORPORA}/flamegraph/test/perf-vertx-stacks-01.txt`), false)).toBe('yes')
    expect(detectPerfScript(head(`${OURS}/lost.perf-script.txt.gz`), false)).toBe('yes')
  })

  it('not ftrace text, trace-cmd report, bpftrace, JSON, folded stacks, perf.data', () => {
    for (const f of ['ftrace/small-text-localclock.trace.txt.gz', 'ftrace/overflow-pipe-small.trace_pipe.txt.gz',
      'ftrace/small-top.report.txt.gz', 'rr/rr-3threads-100ms.report.txt', 'bpftrace/syslat-small.txt', 'bpftrace/syslat-small.json',
      'bpftrace/switch-printf-small.txt.gz', 'cpu/hotspots-small.folded.txt', 'cpu/hotspots-small.perf.data', 'dmesg/dmesg.txt']) {
      expect(detectPerfScript(head(`${REAL}/${f}`), false), f).toBe('no')
    }
  })

  it('more: a first line not yet whole, or only --header lines so far', () => {
    expect(detectPerfScript(new TextEncoder().encode(SWITCH.slice(0, 40)), false)).toBe('more')
    expect(detectPerfScript(new TextEncoder().encode('# ========\n# captured on: x\n'), false)).toBe('more')
    expect(detectPerfScript(new Uint8Array(0), false)).toBe('more')
  })
})

/** The driver's loop (src/ingest/cut-pieces.ts) over `bytes` with small pieces. */
function pieces(bytes: Uint8Array, pieceBytes: number): Uint8Array[] {
  const framer = perfScriptParser.createFramer({})
  const out: Uint8Array[] = []
  let from = 0
  let to = 0
  while (to < bytes.length) {
    to = Math.min(bytes.length, to + pieceBytes)
    const eof = to === bytes.length
    const end = framer.cut(bytes.subarray(from, to), eof)
    if (end > 0) { out.push(bytes.subarray(from, from + end)); from += end }
  }
  return out
}

describe('framer: pieces parse alone into what the whole text gives', () => {
  const files = [`${REAL}/sched/hackbench-small.perf-script.txt.gz`, `${OURS}/tp-g.perf-script.txt.gz`, `${OURS}/lost.perf-script.txt.gz`,
    `${CORPORA}/flamegraph/test/perf-java-stacks-02.txt`, `${CORPORA}/flamegraph/test/perf-js-stacks-01.txt`,
    `${CORPORA}/speedscope/linux-perf/simple-with-header.linux-perf.txt`]
  for (const file of files) {
    it(file.split('/').slice(-2).join('/'), () => {
      const bytes = new Uint8Array(readText(file))
      const whole = parsePerfScriptText(bytes)
      const wholeFrames = columnValues(whole, 'sample', 'stack_id').map((s) => framesOf(whole, s as number | null))
      for (const size of bytes.length > 2e6 ? [65536, 1 << 20] : [700, 4096, 65536]) {
        const counts = new Map<string, number>()
        const frames: string[][] = []
        let unparsed = 0
        for (const piece of pieces(bytes, size)) {
          const out = new PieceTables()
          perfScriptParser.parsePiece(piece, {}, out, {})
          for (const [k, v] of eventCounts(out)) counts.set(k, (counts.get(k) ?? 0) + v)
          frames.push(...columnValues(out, 'sample', 'stack_id').map((s) => framesOf(out, s as number | null)))
          unparsed += out.unparsed.count
        }
        expect(counts).toEqual(eventCounts(whole))
        expect(frames).toEqual(wholeFrames)
        expect(unparsed).toBe(whole.unparsed.count)
      }
    })
  }

  it('a cut never falls between an event line and its callchain', () => {
    const framer = perfScriptParser.createFramer({})
    const bytes = new TextEncoder().encode(SAMPLE + SAMPLE.slice(0, SAMPLE.indexOf('\t')))
    expect(framer.cut(bytes, false)).toBe(SAMPLE.length)
    expect(framer.cut(new TextEncoder().encode(SAMPLE.slice(0, 80)), false)).toBe(0)
  })

  it('README of the fixtures exists beside them', () => {
    expect(readFileSync(`${OURS}/README.md`, 'utf8')).toMatch(/perf record/)
  })
})

it('perf script --header comment lines, also where two outputs were concatenated', () => {
  const header = '# ========\n# captured on    : Wed Nov 25 10:57:00 2026\n# ========\n#\n'
  const out = parsePerfScriptText(header + SAMPLE + header + SAMPLE + SWITCH)
  expect(eventCounts(out)).toEqual(new Map([['cpu-clock:ppp', 2], ['sched:sched_switch', 1]]))
  expect(out.unparsed.count).toBe(0)
})
