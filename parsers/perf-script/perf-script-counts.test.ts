// Bar 1: events per name equal what perf itself printed for the same perf.data
// (`perf script -F event | sort | uniq -c`, saved in fixtures/perf-script), and equal a
// plain regex count of the event lines of the text.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePerfScriptText } from './parse-perf-script-text.js'
import { columnValues, eventCounts, rowsOf } from '../../tables/piece-table-values.js'
import { FIXTURES, REAL, readText } from '../../test/shared-paths.js'

const OURS = `${FIXTURES}/perf-script/`

/** `   5890       sched:sched_switch: ` lines of `uniq -c`. */
function perfCounts(path: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const m = /^\s*(\d+)\s+(\S+):\s*$/.exec(line)
    if (m !== null) counts.set(m[2], Number(m[1]))
  }
  return counts
}

/** Event lines counted by a regex: comm, [pid/]tid, [cpu], time, [period], name. */
function regexCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  const header = /^\s*\S.*?\s+-?\d+(?:\/\d+)?\s+(?:\[\d+\]\s+)?\d+\.\d+:\s+(?:\d+\s+)?(\S+?):?(?:\s|$)/
  for (const line of text.split('\n')) {
    if (line.startsWith('\t') || line.trim() === '') continue
    const m = header.exec(line)
    if (m === null) continue
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1)
  }
  return counts
}

const RECORDINGS: [text: string, counts: string][] = [
  ['sched/hackbench-small.perf-script.txt.gz', 'hackbench-small'],
  ['cpu/hotspots-small.perf-script.txt.gz', 'hotspots-small'],
  ['cpu/hotspots-small.perf-script-F1.txt.gz', 'hotspots-small'],
  ['syscalls/small-mix.perf-script.txt.gz', 'small-mix'],
  ['irq/dd-cyclictest-small.perf-script.txt.gz', 'dd-cyclictest-small'],
  ['irq/dd-cyclictest-small.perf-script-ns.txt.gz', 'dd-cyclictest-small'],
  ['kmem/frag4-hackbench.perf-script.txt.gz', 'frag4-hackbench'],
  ['edf/edf-u50-small.perf-script.txt', 'edf-u50-small'],
  ['edf/edf-u50-small.perf-script-ns.txt', 'edf-u50-small'],
  ['edf/edf-overload-small.perf-script.txt.gz', 'edf-overload-small'],
  ['edf/edf-overload-small.perf-script-ns.txt.gz', 'edf-overload-small'],
  ['rr/rr-3threads-100ms.perf-script.txt', 'rr-3threads-100ms'],
]

describe('events per name equal perf script -F event', () => {
  for (const [file, counts] of RECORDINGS) {
    it(file, () => {
      const text = readText(`${REAL}/${file}`)
      const got = eventCounts(parsePerfScriptText(text))
      const want = perfCounts(`${OURS}/real-event-counts/${counts}.txt`)
      expect(got).toEqual(want)
      expect(got).toEqual(regexCounts(text.toString()))
    })
  }

  it('cpu/hotspots-small -F comm,tid,time,period,ip,sym,symoff,dso --ns: no event name, all samples counted', () => {
    const got = eventCounts(parsePerfScriptText(readText(`${REAL}/cpu/hotspots-small.perf-script-F2-ns.txt.gz`)))
    expect(got).toEqual(new Map([['[unknown]', perfCounts(`${OURS}/real-event-counts/hotspots-small.txt`).get('cpu-clock:ppp')]]))
  })

  for (const name of ['tp-g', 'cpu-g', 'lost', 'inline', 'comm-space']) {
    it(`fixtures/perf-script/${name}`, () => {
      const text = readText(`${OURS}/${name}.perf-script.txt.gz`)
      const got = eventCounts(parsePerfScriptText(text))
      const want = perfCounts(`${OURS}/${name}.event-counts.txt`)
      if (name === 'lost') want.set('PERF_RECORD_LOST', 36) // lost.report-stats.txt: LOST events: 36
      expect(got).toEqual(want)
    })
  }
})

it('comm with spaces: events per comm and tid equal perf script -F comm,tid (comm from the task rows, in seq order)', () => {
  const out = parsePerfScriptText(readText(`${OURS}/comm-space.perf-script.txt.gz`))
  const events = (['syscall', 'sched_switch', 'sched_wakeup'] as const).flatMap((t) =>
    columnValues(out, t, 'seq').map((seq, i) => ({ seq: seq as number, tid: columnValues(out, t, 'tid')[i] as number })))
  const taskSeq = columnValues(out, 'task', 'seq')
  const tasks = rowsOf(out, 'task').map((r, i) => ({ seq: taskSeq[i] as number, tid: r.tid as number, comm: r.comm as string, change: r.change }))
    .filter((r) => r.change === 'seen')
  const commOf = new Map<number, string>()
  const got = new Map<string, number>()
  const timeline = [...tasks.map((t) => ({ kind: 'task' as const, ...t })), ...events.map((e) => ({ kind: 'event' as const, ...e }))]
    .sort((a, b) => a.seq - b.seq)
  for (const r of timeline) {
    if (r.kind === 'task') commOf.set(r.tid, r.comm)
    else got.set(`${commOf.get(r.tid)} ${r.tid}`, (got.get(`${commOf.get(r.tid)} ${r.tid}`) ?? 0) + 1)
  }
  const want = new Map<string, number>()
  for (const line of readFileSync(`${OURS}/comm-space.comm-tid-counts.txt`, 'utf8').split('\n')) {
    const m = /^\s*(\d+)\s+(.*?)\s+(\d+)\s*$/.exec(line)
    if (m !== null) want.set(`${m[2]} ${m[3]}`, Number(m[1]))
  }
  expect(want.get('Web Content 2 31027')).toBe(67)
  expect(got).toEqual(want)
})
