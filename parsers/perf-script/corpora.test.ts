// Bar 3: every perf-script input of the public corpora parses, and each sample keeps exactly
// the frames printed under it (compared with a plain split of the text into blank-line blocks).
// Folded stacks built from the tables equal FlameGraph's stackcollapse-perf.pl and perf's own
// stackcollapse script on the same recordings.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { PieceTables } from '../../tables/piece-tables.js'
import { parsePerfScriptText } from './parse-perf-script-text.js'
import { columnValues, framesOf, rowsOf } from '../../tables/piece-table-values.js'
import { CORPORA, FIXTURES, REAL, readText } from '../../test/shared-paths.js'

const OURS = `${FIXTURES}/perf-script/`

const inputs = [
  ...readdirSync(`${CORPORA}/flamegraph/test`).filter((f) => f.endsWith('.txt')).map((f) => `flamegraph/test/${f}`),
  'flamegraph/example-perf-stacks.txt.gz',
  ...readdirSync(`${CORPORA}/inferno/collapse-perf`).filter((f) => f.endsWith('.txt') && f !== 'no-events.txt').map((f) => `inferno/collapse-perf/${f}`),
  ...readdirSync(`${CORPORA}/speedscope/linux-perf`).map((f) => `speedscope/linux-perf/${f}`),
]

/** Frames under each event line, by splitting the text at blank lines (perf ends each callchain with one). */
function printedFrames(text: string): string[][] {
  return text.split(/\r?\n[ \t]*\r?\n/).map((block) => block.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#')))
    .filter((lines) => lines.length > 0).map((lines) => lines.slice(1).map((l) => l.trim()))
}

function sampleFrames(out: PieceTables): string[][] {
  return columnValues(out, 'sample', 'stack_id').map((leaf) => framesOf(out, leaf as number | null))
}

describe('corpus inputs: parse, and frames per sample as printed', () => {
  for (const file of inputs) {
    it(file, () => {
      const text = readText(`${CORPORA}/${file}`)
      const out = parsePerfScriptText(text)
      const got = sampleFrames(out)
      if (file.endsWith('single-line-stacks.txt')) {
        // ip sym (dso) printed on the event line itself: one frame each
        expect(got).toEqual([['ffffffff9b201293 [unknown] ([unknown])'], ['7fa68b1f2d84 _dl_start+0x4 (/usr/lib/ld-2.31.so)']])
      } else if (file.endsWith('empty-line.txt')) {
        // a frame after the blank line that ended its event: not attached, counted as unparsed
        expect(got).toEqual([['401b97 main+0x1f (./tests/data/inline-counter/inline-counter)'], []])
        expect(out.unparsed.firstLines).toEqual([6])
      } else {
        expect(got).toEqual(printedFrames(text.toString()))
      }
    })
  }

  it('an empty input (inferno no-events.txt) is an error, not an empty result', () => {
    expect(() => parsePerfScriptText(readText(`${CORPORA}/inferno/collapse-perf/no-events.txt`))).toThrow(/empty/)
  })
})

describe('perf script 6.1 over the perf.data of other corpora (perf 3.2 to 6.12, LBR, raw, pipe, probes)', () => {
  const generated = ['perf_data_converter', 'perfparser', 'hotspot', 'linux-perf-data'].flatMap((c) =>
    readdirSync(`${CORPORA}/${c}/generated-perf-script-6.1`, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.perf-script.txt')).map((f) => `${c}/generated-perf-script-6.1/${f}`))
  it('found them', () => expect(generated.length).toBeGreaterThanOrEqual(30))
  for (const file of generated) {
    it(file, () => {
      const text = readFileSync(`${CORPORA}/${file}`, 'utf8')
      const out = parsePerfScriptText(text)
      expect(out.unparsed.count).toBe(0)
      // every line that is neither blank nor a tab-indented callchain line is one event
      const eventLines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('\t')).length
      expect([...out.eventCounts].reduce((a, b) => a + b, 0)).toBe(eventLines)
    })
  }
})

/** comm;outermost;...;leaf -> weight, with symbols as the tables hold them. */
function folded(out: PieceTables, weight: 'period' | 'samples'): Map<string, number> {
  const comm = columnValues(out, 'sample', 'comm')
  const period = columnValues(out, 'sample', 'period')
  const leaf = columnValues(out, 'sample', 'stack_id')
  const symbol = columnValues(out, 'frame', 'symbol')
  const ids = columnValues(out, 'frame', 'id')
  const symbolOf = new Map(ids.map((id, i) => [id as number, symbol[i] as string]))
  const stacks = new Map<string, number>()
  for (let i = 0; i < leaf.length; i++) {
    const names: string[] = []
    for (let n = (leaf[i] as number | null) ?? -1; n >= 0; n = out.stackNodes.parents[n]) names.push(symbolOf.get(out.stackNodes.frames[n])!)
    const key = [(comm[i] as string).replace(/ /g, '_'), ...names.reverse()].join(';')
    stacks.set(key, (stacks.get(key) ?? 0) + (weight === 'period' ? (period[i] as number) : 1))
  }
  return stacks
}

function readFolded(text: string): Map<string, number> {
  const stacks = new Map<string, number>()
  for (const line of text.split('\n')) {
    const m = /^(.*) (\d+)$/.exec(line)
    if (m !== null) stacks.set(m[1], (stacks.get(m[1]) ?? 0) + Number(m[2]))
  }
  return stacks
}

it('inlined frames (perf script --inline): flagged, no dso, each sample as printed', () => {
  const text = readText(`${OURS}/inline.perf-script.txt.gz`)
  const out = parsePerfScriptText(text)
  expect(sampleFrames(out)).toEqual(printedFrames(text.toString()))
  const frames = rowsOf(out, 'frame')
  const inlined = frames.filter((f) => f.inlined === 1)
  expect(inlined.length).toBe(new Set(text.toString().split('\n').filter((l) => l.endsWith(' (inlined)')).map((l) => l.trim())).size)
  expect(inlined.every((f) => f.dso === null)).toBe(true)
  expect(frames.find((f) => f.symbol === 'leaf' && f.offset === 0x48)).toMatchObject({ addr: 0x11d8n, dso: null, inlined: 1 })
  expect(frames.find((f) => f.symbol === 'outer' && f.offset === 0x48)).toMatchObject({ dso: '/tmp/ps/inl', inlined: 0 })
})

it('-F +srcline: source lines skipped, inlined frames the same as without srcline', () => {
  const inlinedFrames = (file: string) => {
    const out = parsePerfScriptText(readText(`${OURS}/${file}`))
    expect(out.unparsed.count).toBe(0)
    return rowsOf(out, 'frame').filter((f) => f.inlined === 1).map((f) => `${f.addr} ${f.symbol}+${f.offset}`).sort()
  }
  const withSrcline = inlinedFrames('inline-srcline.perf-script.txt.gz')
  expect(withSrcline.length).toBeGreaterThan(0)
  expect(withSrcline).toEqual(inlinedFrames('inline.perf-script.txt.gz'))
})

describe('folded stacks from the tables equal the reference tools', () => {
  it('cpu/hotspots-small (default and -F ... --ns) = stackcollapse-perf.pl (weights = periods)', () => {
    const want = readFolded(readFileSync(`${REAL}/cpu/hotspots-small.folded.txt`, 'utf8'))
    expect(folded(parsePerfScriptText(readText(`${REAL}/cpu/hotspots-small.perf-script.txt.gz`)), 'period')).toEqual(want)
    expect(folded(parsePerfScriptText(readText(`${REAL}/cpu/hotspots-small.perf-script-F2-ns.txt.gz`)), 'period')).toEqual(want)
  })

  it('cpu/hotspots-small -F comm,pid,tid,cpu,time,event,ip,sym,dso = perf script report stackcollapse (samples)', () => {
    const want = readFolded(readFileSync(`${REAL}/cpu/hotspots-small.perf-stackcollapse-py.txt`, 'utf8'))
    expect(folded(parsePerfScriptText(readText(`${REAL}/cpu/hotspots-small.perf-script-F1.txt.gz`)), 'samples')).toEqual(want)
  })

  it('fixtures/perf-script/cpu-g = perf script report stackcollapse (samples)', () => {
    const want = readFolded(readText(`${OURS}/cpu-g.perf-stackcollapse-py.txt.gz`).toString())
    expect(folded(parsePerfScriptText(readText(`${OURS}/cpu-g.perf-script.txt.gz`)), 'samples')).toEqual(want)
  })
})
