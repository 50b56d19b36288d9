// Differential test against stackcollapse-perf.pl itself, for the option combinations and
// inputs that no committed reference file covers. Opt-in: it runs the script, so it needs
// perl and a FlameGraph checkout (STACKCOLLAPSE_PERF=/path/to/stackcollapse-perf.pl).
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { foldAnalysis } from '../analyses/fold/fold-analysis.js'
import { foldStacks, type FoldedStacks, type FoldOptions } from '../analyses/fold/fold-stacks.js'
import { perfScriptSamples } from './perf-script-samples.js'
import { parsePerfScriptText } from '../parsers/perf-script/parse-perf-script-text.js'
import { pieceResult } from '../tables/piece-transfer.js'
import { SHARED } from './shared-paths.js'

const SCRIPT = process.env.STACKCOLLAPSE_PERF
const CORPORA = `${SHARED}/corpora`

// inferno's inputs the test reader (perf-script-samples.ts) rejects (one-line samples, a broken frame line, a blank line
// inside a sample) are left out: they test error handling, not folding.
const UNREADABLE = new Set(['single-line-stacks.txt', 'weird-stack-line.txt', 'empty-line.txt'])

function inputs(): string[] {
  const dir = (d: string) => readdirSync(d).filter((f) => f.endsWith('.txt') && !UNREADABLE.has(f)).map((f) => join(d, f))
  return [
    ...dir(`${CORPORA}/flamegraph/test`),
    `${CORPORA}/flamegraph/example-perf-stacks.txt.gz`,
    ...dir(`${CORPORA}/inferno/collapse-perf`),
    ...dir(`${CORPORA}/speedscope/linux-perf`),
    ...['', '-F1', '-F2-ns'].map((v) => `${SHARED}/fixtures-real/cpu/hotspots-small.perf-script${v}.txt.gz`),
  ]
}

const OPTION_SETS: Array<[string[], FoldOptions]> = [
  [[], {}],
  [['--pid', '--all'], { pid: true, all: true }],
  [['--tid', '--addrs'], { tid: true, addrs: true }],
  [['--all', '--addrs'], { all: true, addrs: true }],
  [['--kernel', '--pid'], { kernel: true, pid: true }],
  [['--event-filter=cycles'], { eventFilter: 'cycles' }],
  [['--event-filter=instructions', '--jit'], { eventFilter: 'instructions', jit: true }],
]

function viaParser(text: string, options: FoldOptions): FoldedStacks {
  const acc = foldAnalysis.init(options)
  if (text !== '') {
    const piece = pieceResult(parsePerfScriptText(text))
    const segment = { tables: Object.fromEntries(piece.tables.map((t) => [t.name, t])), stackParents: piece.stackParents, stackFrames: piece.stackFrames }
    foldAnalysis.add(acc, segment, options)
  }
  return foldStacks.finish(acc)
}

describe.skipIf(SCRIPT === undefined)('stackcollapse-perf.pl, run on each input', () => {
  const work = mkdtempSync(join(tmpdir(), 'fold-diff-'))
  const cases = inputs().flatMap((input) => OPTION_SETS.map(([args, options]) => ({ input, name: basename(input), args, options })))
  it.each(cases)('$name $args', ({ input, args, options }) => {
    const bytes = readFileSync(input)
    const text = (input.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
    const file = join(work, 'input.txt')
    writeFileSync(file, text)
    const perl = execFileSync('perl', [SCRIPT as string, ...args, file], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 })
      .toString('utf8').split('\n').filter((l) => l !== '')
    const end = text.lastIndexOf('\n\n')
    const kept = text === '' || text.endsWith('\n\n') ? text : end < 0 ? '' : text.slice(0, end + 2)
    const samples = perfScriptSamples(kept)
    const viaAdapter = foldStacks.finish(foldStacks.add(foldStacks.init(options), samples))
    // The tables do not say whether the event line printed a timestamp, without which the
    // script neither filters nor weighs by event (fold-analysis.ts): an explicit filter on
    // such an input differs.
    const tablesSuffice = options.eventFilter === undefined || !samples.some((s) => s.untimed)
    // Not sorted here: the output order is the script's too.
    for (const folded of tablesSuffice ? [viaAdapter, viaParser(kept, options)] : [viaAdapter]) {
      expect(folded.stacks.map((s, i) => `${s} ${folded.counts[i]}`)).toEqual(perl)
    }
  })
})
