// Folding conformance with FlameGraph's stackcollapse-perf.pl: for each perf-script input of
// the public corpora and each option its reference outputs cover, our folded lines equal the
// reference file's lines (both sorted). References: FlameGraph's own test/results (8 stale
// ones replaced by the script's current output, see corpora/flamegraph/SOURCE.md), inferno's
// results where inferno agrees with the script, stackcollapse-perf.pl runs on speedscope's
// inputs, and the script's output on a real recording of this machine (fixtures-real).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { foldAnalysis } from '../analyses/fold/fold-analysis.js'
import { foldStacks, type FoldedStacks, type FoldOptions } from '../analyses/fold/fold-stacks.js'
import { perfScriptSamples } from './perf-script-samples.js'
import type { Coverage } from '../analyses/analysis.js'
import { parsePerfScriptText } from '../parsers/perf-script/parse-perf-script-text.js'
import { pieceResult } from '../tables/piece-transfer.js'
import { SHARED } from './shared-paths.js'

const CORPORA = `${SHARED}/corpora`

const OPTION: Record<string, FoldOptions> = {
  '': {},
  pid: { pid: true },
  tid: { tid: true },
  kernel: { kernel: true },
  jit: { jit: true },
  all: { all: true },
  addrs: { addrs: true },
}

function readText(path: string): string {
  const bytes = readFileSync(path)
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
}

const NO_COVERAGE: Coverage = { start_ns: null, end_ns: null, events: 0, lost_events: 0, lost_records: 0, lost_in_window: 0 }

/** Two ways from perf-script text to folded stacks: the independent test reader (perf-script-samples.ts), and the perf-script parser's tables. */
const READERS = {
  'test reader': (text: string, options: FoldOptions): FoldedStacks =>
    foldStacks.finish(foldStacks.add(foldStacks.init(options), perfScriptSamples(text))),
  parser: (text: string, options: FoldOptions): FoldedStacks => {
    if (text === '') return foldStacks.finish(foldStacks.init(options))
    const piece = pieceResult(parsePerfScriptText(text))
    const segment = { tables: Object.fromEntries(piece.tables.map((t) => [t.name, t])), stackParents: piece.stackParents, stackFrames: piece.stackFrames }
    const acc = foldAnalysis.add(foldAnalysis.init(options), segment, options)
    return foldAnalysis.finish(acc, options, NO_COVERAGE) ?? foldStacks.finish(acc)
  },
}
type Reader = keyof typeof READERS
const readers = Object.keys(READERS) as Reader[]

/** Sorted `stack count` lines folded from `text`. */
function foldedLines(reader: Reader, text: string, options: FoldOptions): string[] {
  const folded = READERS[reader](text, options)
  return folded.stacks.map((stack, i) => `${stack} ${folded.counts[i]}`).sort()
}

function referenceLines(path: string): string[] {
  return readText(path).split('\n').filter((line) => line !== '').sort()
}

/** The script emits a sample only at the blank line after it: without one, the last sample is lost. */
function textPerlReads(text: string): string {
  if (text === '' || text.endsWith('\n\n')) return text
  const end = text.lastIndexOf('\n\n')
  return end < 0 ? '' : text.slice(0, end + 2)
}

const flamegraphInputs = readdirSync(`${CORPORA}/flamegraph/test`).filter((f) => f.startsWith('perf-') && f.endsWith('.txt'))
const flamegraphCases = flamegraphInputs.flatMap((input) =>
  ['pid', 'tid', 'kernel', 'jit', 'all', 'addrs'].map((option) => {
    const result = `test/results/${input.replace(/\.txt$/, '')}-collapsed-${option}.txt`
    const regenerated = `${CORPORA}/flamegraph/generated-current-script/${result}`
    return { input, option, expected: existsSync(regenerated) ? regenerated : `${CORPORA}/flamegraph/${result}` }
  }),
)

const flamegraphRuns = readers.flatMap((reader) => flamegraphCases.map((c) => ({ reader, ...c })))

describe('FlameGraph test/results (stackcollapse-perf.pl at 41fee1f)', () => {
  it('covers the 13 inputs x 6 options of the corpus', () => {
    expect(flamegraphCases).toHaveLength(78)
    expect(flamegraphCases.filter((c) => c.expected.includes('generated-current-script'))).toHaveLength(8)
  })
  it.each(flamegraphRuns)('$reader: $input --$option', ({ reader, input, option, expected }) => {
    const text = readText(`${CORPORA}/flamegraph/test/${input}`)
    expect(foldedLines(reader, textPerlReads(text), OPTION[option])).toEqual(referenceLines(expected))
  })
})

describe('inferno collapse-perf results that agree with stackcollapse-perf.pl', () => {
  // go-stacks and java-inline end without a blank line: inferno (and exotrace) keep the last
  // sample, the script drops it; otherwise the script's output is the same.
  const cases = [
    { input: '../../flamegraph/example-perf-stacks.txt.gz', expected: 'example-perf-stacks-collapsed.txt' },
    { input: 'go-stacks.txt', expected: 'go-stacks-collapsed.txt' },
    { input: 'java-inline.txt', expected: 'java-inline-collapsed.txt' },
    { input: 'no-events.txt', expected: 'no-events-collapsed.txt' },
  ]
  const dir = `${CORPORA}/inferno/collapse-perf`
  it.each(readers.flatMap((reader) => cases.map((c) => ({ reader, ...c }))))('$reader: $input', ({ reader, input, expected }) => {
    const lines = foldedLines(reader, readText(`${dir}/${input}`), {})
    expect(lines).toEqual(referenceLines(`${dir}/results/${expected}`))
  })
})

describe('stackcollapse-perf.pl on speedscope linux-perf inputs', () => {
  const dir = `${CORPORA}/speedscope/generated-stackcollapse-perf/linux-perf`
  const cases = readdirSync(dir).map((expected) => {
    const [, input, option] = /^(.*)-collapsed(?:-(\w+))?\.txt$/.exec(expected) as RegExpExecArray
    return { input: `${input}.txt`, option: option ?? '', expected }
  })
  it('covers 5 inputs x 5 option sets', () => expect(cases).toHaveLength(25))
  it.each(readers.flatMap((reader) => cases.map((c) => ({ reader, ...c }))))('$reader: $input --$option', ({ reader, input, option, expected }) => {
    const text = readText(`${CORPORA}/speedscope/linux-perf/${input}`)
    expect(foldedLines(reader, textPerlReads(text), OPTION[option])).toEqual(referenceLines(`${dir}/${expected}`))
  })
  const unterminated = readers.flatMap((reader) => ['simple.linux-perf.txt', 'one-sample.linux-perf.txt'].map((input) => ({ reader, input })))
  it.each(unterminated)('$reader: $input: the unterminated last sample is kept', ({ reader, input }) => {
    // SOURCE.md: the script's output once a blank line ends the sample.
    const text = readText(`${CORPORA}/speedscope/linux-perf/${input}`)
    expect(foldedLines(reader, text, {})).toEqual([
      'simple-terminat;[unknown];__libc_start_main;main;_Z5deltav;_Z4betav 1001001',
    ])
  })
})

describe('a real recording (fixtures-real/cpu/hotspots-small, perf on Linux 6.18)', () => {
  const cpu = `${SHARED}/fixtures-real/cpu`
  const cases = [
    { option: '', expected: 'hotspots-small.folded.txt' },
    { option: 'all', expected: 'hotspots-small.folded-all.txt' },
  ]
  it.each(readers.flatMap((reader) => cases.map((c) => ({ reader, ...c }))))('$reader: --$option', ({ reader, option, expected }) => {
    const text = readText(`${cpu}/hotspots-small.perf-script.txt.gz`)
    expect(foldedLines(reader, textPerlReads(text), OPTION[option])).toEqual(referenceLines(`${cpu}/${expected}`))
  })
})
