// `exotrace fold` end to end (the CLI process, its parser, the worker pool): for a
// representative subset of the conformance cases and for a recording made on this machine,
// stdout equals stackcollapse-perf.pl's output after sorting lines; bpftrace and ftrace stacks
// equal folds computed independently from the printed text.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CLI, CORPORA, FIXTURES, REAL } from './shared-paths.js'

const dir = mkdtempSync(join(tmpdir(), 'exotrace-fold-cli-'))

function fold(input: string, ...args: string[]): { lines: string[]; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, 'fold', input, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
  return { lines: r.stdout.split('\n').filter((l) => l !== ''), stderr: r.stderr, status: r.status }
}

function text(path: string): string {
  const bytes = readFileSync(path)
  return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
}

const sortedLines = (s: string): string[] => s.split('\n').filter((l) => l !== '').sort()

/** The script emits a sample only at the blank line after it: cut what it never reads. */
function perlReadable(name: string, s: string): string {
  const end = s.endsWith('\n\n') ? s.length : s.lastIndexOf('\n\n') + 2
  const path = join(dir, name)
  writeFileSync(path, s.slice(0, end))
  return path
}

describe('exotrace fold equals stackcollapse-perf.pl', () => {
  const inputs = readdirSync(`${CORPORA}/flamegraph/test`).filter((f) => f.startsWith('perf-') && f.endsWith('.txt')).sort()
  const options = ['pid', 'tid', 'kernel', 'jit', 'all', 'addrs']
  // Every input once, the options in rotation: each option on two inputs or more.
  const cases = inputs.map((input, i) => ({ input, option: options[i % options.length] }))
  it.each(cases)('FlameGraph $input --$option', ({ input, option }) => {
    const result = `test/results/${input.replace(/\.txt$/, '')}-collapsed-${option}.txt`
    const regenerated = `${CORPORA}/flamegraph/generated-current-script/${result}`
    const expected = readdirSync(`${CORPORA}/flamegraph/generated-current-script/test/results`).includes(result.slice(13))
      ? regenerated : `${CORPORA}/flamegraph/${result}`
    const r = fold(perlReadable(input, text(`${CORPORA}/flamegraph/test/${input}`)), `--${option}`)
    expect(r.status).toBe(0)
    expect(r.lines.sort()).toEqual(sortedLines(text(expected)))
  })

  it('FlameGraph example-perf-stacks (gzip input, 2 workers)', () => {
    const r = fold(`${CORPORA}/flamegraph/example-perf-stacks.txt.gz`, '--workers', '2')
    expect(r.lines.sort()).toEqual(sortedLines(text(`${CORPORA}/inferno/collapse-perf/results/example-perf-stacks-collapsed.txt`)))
  })

  const recorded = [
    { args: [], expected: 'busy-loops.folded.txt.gz' },
    { args: ['--all'], expected: 'busy-loops.folded-all.txt.gz' },
    { args: ['--pid', '--workers', '2'], expected: 'busy-loops.folded-pid.txt.gz' },
  ].map((c) => ({ input: 'busy-loops.perf-script.txt.gz', ...c }))
  // tracepoint samples with call chains: never filtered by event, weight 1; `:-1 -1` samples dropped
  recorded.push({ input: 'mixed-tracepoint.perf-script.txt.gz', args: [], expected: 'mixed-tracepoint.folded.txt' })
  recorded.push({ input: 'offcpu-hackbench.perf-script.txt.gz', args: [], expected: 'offcpu-hackbench.folded.txt.gz' })
  it.each(recorded)('recording made here (fixtures/flamegraph) $input $args', ({ input, args, expected }) => {
    const r = fold(join(FIXTURES, 'flamegraph', input), ...args)
    expect(r.status).toBe(0)
    expect(r.lines.sort()).toEqual(sortedLines(text(join(FIXTURES, 'flamegraph', expected))))
  })

  it('fixtures-real hotspots, read from stdin', () => {
    const r = spawnSync(process.execPath, [CLI, 'fold', '-'], { input: readFileSync(`${REAL}/cpu/hotspots-small.perf-script.txt.gz`), encoding: 'utf8' })
    expect(sortedLines(r.stdout)).toEqual(sortedLines(text(`${REAL}/cpu/hotspots-small.folded.txt`)))
  })

  it('a dataset folder (exotrace ingest), folded with 2 workers', () => {
    const out = join(dir, 'hotspots-dataset')
    const ingest = spawnSync(process.execPath, [CLI, 'ingest', `${REAL}/cpu/hotspots-small.perf-script.txt.gz`, '-o', out], { encoding: 'utf8' })
    expect(ingest.status).toBe(0)
    expect(fold(out, '--workers', '2').lines.sort()).toEqual(sortedLines(text(`${REAL}/cpu/hotspots-small.folded.txt`)))
  })

  it('--count samples counts samples (perf script report stackcollapse)', () => {
    const r = fold(`${REAL}/cpu/hotspots-small.perf-script.txt.gz`, '--count', 'samples')
    expect(r.lines.sort()).toEqual(sortedLines(text(`${REAL}/cpu/hotspots-small.perf-stackcollapse-py.txt`)))
  })
})

describe('stacks of other inputs', () => {
  it('ftrace with the TGID column (--pid): the process of each stack is the one the text printed', () => {
    const input = join(FIXTURES, 'ftrace-text/tgid-stacktrace-local.trace.txt.gz')
    const printed = new Set([...text(input).matchAll(/^\s*(\S+)-(\d+)\s+\(\s*(\d+)\)/gm)].map((m) => `${m[1]}-${m[3]}/${m[2]}`))
    const lines = fold(input, '--tid').lines
    expect(lines.length).toBeGreaterThan(3)
    for (const line of lines) expect(printed.has(line.split(';')[0]), line).toBe(true)
    for (const line of fold(input, '--offcpu', '--tid').lines) expect(printed.has(line.split(';')[0].split(' ')[0]), line).toBe(true)
  })

  it.each(['hotspots-small', 'cpu-clock-spin'])('perf JSON (%s): the fold of the same recording\'s perf script, frames perf could not name as [unknown]', (name) => {
    // perf data convert --to-json writes no dso for a frame without a symbol, where perf
    // script prints `[unknown] (/bin/dash)` and the script names it `[dash]`. The reference
    // text has no periods (-F without period), so both count samples.
    const reference = new Map<string, number>()
    for (const line of sortedLines(text(join(FIXTURES, `flamegraph/perf-json-${name}.folded.txt`)))) {
      const cut = line.lastIndexOf(' ')
      const [comm, ...frames] = line.slice(0, cut).split(';')
      const stack = [comm, ...frames.map((f) => (/^\[.*\]$/.test(f) ? '[unknown]' : f))].join(';')
      reference.set(stack, (reference.get(stack) ?? 0) + Number(line.slice(cut + 1)))
    }
    const r = fold(join(FIXTURES, `perf-json/${name}.json.gz`))
    expect(r.lines.sort()).toEqual([...reference].map(([st, n]) => `${st} ${n}`).sort())
  })

  it('bpftrace @[kstack, ustack, comm] = count(): the map, comm first, frames outermost first, offsets dropped', () => {
    // The corpus's derived reference keeps `sym+off`; stackcollapse-perf.pl's rule drops offsets.
    const expected = new Map<string, number>()
    for (const line of sortedLines(text(`${REAL}/bpftrace/stacks-hotspots-small.folded-kuc.txt`))) {
      const cut = line.lastIndexOf(' ')
      const stack = line.slice(0, cut).split(';').map((f) => f.replace(/\+\d+$/, '')).join(';')
      expected.set(stack, (expected.get(stack) ?? 0) + Number(line.slice(cut + 1)))
    }
    const r = fold(`${REAL}/bpftrace/stacks-hotspots-small.txt`)
    expect(r.lines.sort()).toEqual([...expected].map(([s, n]) => `${s} ${n}`).sort())
  })

  it.each(['the text', 'its dataset'])('ftrace <stack trace> blocks (trace-cmd report), from %s: every block once, under the task that printed it', (from) => {
    const report = text(join(FIXTURES, 'ftrace-text/stacktrace-mono.report.txt.gz')).split('\n')
    const expected = new Map<string, number>()
    for (let i = 0; i < report.length; i++) {
      const m = /^\S+:\s+(.+)-\d+\s+\[\d+\]\s+[\d.]+: kernel_stack:/.exec(report[i])
      if (m === null) continue
      const frames: string[] = []
      while (report[i + 1]?.startsWith('=> ')) frames.push(/^=> (\S+)/.exec(report[++i])![1])
      const stack = [m[1].trim(), ...frames.reverse()].join(';')
      expected.set(stack, (expected.get(stack) ?? 0) + 1)
    }
    let input = join(FIXTURES, 'ftrace-text/stacktrace-mono.report.txt.gz')
    if (from === 'its dataset') {
      const out = join(dir, 'stacktrace-dataset')
      expect(spawnSync(process.execPath, [CLI, 'ingest', input, '-o', out], { encoding: 'utf8' }).status).toBe(0)
      input = out
    }
    const events = /left out (.*); choose/.exec(fold(input).stderr)![1].split(', ').map((e) => e.replace(/ \(.*/, ''))
    const got = new Map<string, number>()
    for (const event of [fold(input).lines, ...events.map((e) => fold(input, '--event-filter', e).lines)]) {
      for (const line of event) {
        const cut = line.lastIndexOf(' ')
        got.set(line.slice(0, cut), (got.get(line.slice(0, cut)) ?? 0) + Number(line.slice(cut + 1)))
      }
    }
    expect([...got].sort()).toEqual([...expected].sort())
    expect([...expected.values()].reduce((a, b) => a + b)).toBe(346) // fixtures/ftrace-text/README.md
  })
})
