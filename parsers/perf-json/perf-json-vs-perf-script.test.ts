// The same perf.data, converted by `perf data convert --to-json` and printed by `perf script`
// (fixtures/perf-json/README.md): the parse of the JSON must give perf script's samples.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { parsePerfJsonText } from './parse-perf-json-text.js'
import { eventCounts, parsedRows, readPerfScriptReference, tidOrNull, type ParsedRow, type ReferenceSample } from './perf-script-reference.js'

const fixture = (name: string): Buffer => gunzipSync(readFileSync(new URL(`../../fixtures/perf-json/${name}`, import.meta.url)))

const loaded = new Map<string, ReturnType<typeof parseWithReference>>()

function parseWithReference(name: string) {
  const out = parsePerfJsonText(fixture(`${name}.json.gz`))
  const reference = readPerfScriptReference(fixture(`${name}.perf-script.txt.gz`).toString('utf8'))
  return { out, samples: parsedRows(out, 'sample'), events: parsedRows(out, 'event'), reference }
}

function load(name: string): ReturnType<typeof parseWithReference> {
  if (!loaded.has(name)) loaded.set(name, parseWithReference(name))
  return loaded.get(name) as ReturnType<typeof parseWithReference>
}

function countByEvent(reference: ReferenceSample[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const s of reference) counts[s.event] = (counts[s.event] ?? 0) + 1
  return counts
}

/** perf script prints the dso's path, the JSON its short name (dso__short_name: the basename). */
const shortDso = (dso: string): string => dso.slice(dso.lastIndexOf('/') + 1)

/** Row i against perf script's sample i: time to the ns, cpu, tid, and the callchain's symbols (dso and kernel ips where resolved). */
function expectSameSample(r: ParsedRow, s: ReferenceSample, i: number): void {
  expect([r.tsNs, r.cpu, r.tid], `sample ${i}`).toEqual([s.tsNs, s.cpu, tidOrNull(s.tid)])
  expect(r.frames.map((f) => f.symbol), `sample ${i}`).toEqual(s.frames.map((f) => f.symbol))
  for (let k = 0; k < s.frames.length; k++) {
    if (s.frames[k].symbol === '[unknown]') continue // the JSON has no dso for an unresolved frame
    expect(r.frames[k].dso, `sample ${i} frame ${k}`).toBe(shortDso(s.frames[k].dso))
    if (s.frames[k].dso === '[kernel.kallsyms]') expect(r.frames[k].ip, `sample ${i} frame ${k}`).toBe(s.frames[k].ip)
  }
}

describe('perf JSON against perf script, same perf.data', () => {
  it('sched-syscalls (-g, perf 6.1 writes no event names): each sample gets perf script\'s event', () => {
    const { out, samples, events, reference } = load('sched-syscalls')
    expect(eventCounts(out)).toEqual(countByEvent(reference))
    expect(eventCounts(out)).toEqual({
      'sched:sched_switch': 807, 'sched:sched_wakeup': 410, 'raw_syscalls:sys_enter': 11592, 'raw_syscalls:sys_exit': 11594,
    })
    // A tracepoint row each (no fields in perf 6.1: `event`), and a `sample` row for its callchain.
    expect(events.map((r) => r.event)).toEqual(reference.map((s) => s.event))
    expect(samples.map((r) => r.event)).toEqual(reference.map((s) => s.event))
  })

  it('sched-syscalls: time (exact ns), cpu, tid, pid, comm and every callchain', () => {
    const { samples, events, reference } = load('sched-syscalls')
    expect(events.length).toBe(reference.length)
    expect(samples.length).toBe(reference.length)
    // perf script prints no callchain for bash's execve enter/exit (its maps are replaced
    // by the exec); the JSON converter resolves each ip on its own and writes them.
    const withoutChain = reference.flatMap((s, i) => (s.frames.length === 0 ? [i] : []))
    expect(withoutChain.map((i) => `${reference[i].comm} ${reference[i].event}`)).toEqual(['bash raw_syscalls:sys_enter', 'bash raw_syscalls:sys_exit'])
    expect(withoutChain.map((i) => samples[i].frames[0].symbol)).toEqual(['syscall_trace_enter', 'syscall_exit_work'])
    for (let i = 0; i < reference.length; i++) {
      if (withoutChain.includes(i)) continue
      expectSameSample(events[i], reference[i], i)
      expectSameSample(samples[i], reference[i], i)
      expect(samples[i].comm, `sample ${i}`).toBe(reference[i].comm)
      // For a sample without a thread (tid -1, comm ":-1"), perf script and the converter resolve different pids.
      if (reference[i].tid >= 0) expect(samples[i].pid, `sample ${i}`).toBe(reference[i].pid)
    }
  })

  it('cpu-clock-spin (default event, -g): all samples, with pid, comm and callchains', () => {
    const { out, samples, events, reference } = load('cpu-clock-spin')
    expect(reference.length).toBe(1988)
    // perf record's default event: the JSON does not say that this VM fell back to cpu-clock.
    expect(eventCounts(out)).toEqual({ 'cycles|cpu-clock': 1988 })
    expect(events).toEqual([])
    expect(samples.length).toBe(reference.length)
    for (let i = 0; i < samples.length; i++) {
      expectSameSample(samples[i], reference[i], i)
      expect([samples[i].pid, samples[i].comm], `sample ${i}`).toEqual([reference[i].pid, reference[i].comm])
    }
  })

  it('hotspots-small (fixtures-real): 3995 samples, deep recursive callchains frame for frame', () => {
    const { out, samples, reference } = load('hotspots-small')
    expect(eventCounts(out)).toEqual({ 'cycles|cpu-clock': 3995 })
    expect(samples.length).toBe(3995)
    for (let i = 0; i < samples.length; i++) {
      expectSameSample(samples[i], reference[i], i)
      expect(samples[i].comm, `sample ${i}`).toBe(reference[i].comm)
    }
    const frames = (rows: { frames: unknown[] }[]): number => rows.reduce((n, s) => n + s.frames.length, 0)
    expect(frames(samples)).toBe(frames(reference))
  })

  it('hackbench-small (fixtures-real, no -g, no kernel symbols): every sample, named by the recorded events', () => {
    const { out, events, reference } = load('hackbench-small')
    expect(reference.length).toBe(10194)
    const recorded = 'sched:sched_switch|sched:sched_wakeup|sched:sched_wakeup_new|sched:sched_migrate_task|sched:sched_process_exit|sched:sched_process_fork'
    expect(eventCounts(out)).toEqual({ [recorded]: 10194 })
    // perf script's own names are all among the recorded events the parser lists.
    expect(new Set(reference.map((s) => s.event))).toEqual(new Set(recorded.split('|')))
    for (let i = 0; i < events.length; i++) {
      expectSameSample(events[i], reference[i], i)
      expect(events[i].frames.map((f) => f.ip), `sample ${i}`).toEqual(reference[i].frames.map((f) => f.ip))
    }
  })

  it('a task row when a thread is first seen in the piece or changes comm', () => {
    const { reference } = load('sched-syscalls')
    const out = parsePerfJsonText(fixture('sched-syscalls.json.gz'), {}, 1 << 30) // one piece
    const seen = new Map<number, string>()
    const expected: string[] = []
    for (const s of reference) {
      if (s.tid < 0 || seen.get(s.tid) === s.comm) continue
      seen.set(s.tid, s.comm)
      expected.push(`${s.tid} ${s.comm}`)
    }
    const t = out.table('task').col
    const rows = Array.from({ length: t.tid.length }, (_, i) => `${t.tid.values[i]} ${t.comm.dictionary.strings[t.comm.indices[i]]}`)
    expect(rows).toEqual(expected)
  })

  it('counts every line of the input (wc -l)', () => {
    for (const name of ['sched-syscalls', 'cpu-clock-spin', 'hotspots-small', 'hackbench-small']) {
      const text = fixture(`${name}.json.gz`)
      const newlines = text.toString('latin1').split('\n').length - 1
      expect(parsePerfJsonText(text).lines, name).toBe(newlines)
    }
  })
})
