// The same perf.data, converted by `perf data convert --to-json` and printed by `perf script`
// (fixtures/perf-json/README.md): the parse of the JSON must give perf script's samples.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { parsePerfJsonText } from './parse-perf-json-text.js'
import { eventCounts, parsedRows, readPerfScriptReference, type ReferenceSample } from './perf-script-reference.js'

const fixture = (name: string): Buffer => gunzipSync(readFileSync(new URL(`../../fixtures/perf-json/${name}`, import.meta.url)))

const loaded = new Map<string, ReturnType<typeof parseWithReference>>()

function parseWithReference(name: string) {
  const out = parsePerfJsonText(fixture(`${name}.json.gz`))
  const reference = readPerfScriptReference(fixture(`${name}.perf-script.txt.gz`).toString('utf8'))
  return { out, rows: parsedRows(out), reference }
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

describe('perf JSON against perf script, same perf.data', () => {
  it('sched-syscalls (-g, perf 6.1 writes no event names): each sample gets perf script\'s event', () => {
    const { out, rows, reference } = load('sched-syscalls')
    expect(eventCounts(out)).toEqual(countByEvent(reference))
    expect(eventCounts(out)).toEqual({
      'sched:sched_switch': 807, 'sched:sched_wakeup': 410, 'raw_syscalls:sys_enter': 11592, 'raw_syscalls:sys_exit': 11594,
    })
    expect(rows.map((r) => r.event)).toEqual(reference.map((s) => s.event))
    expect(rows.every((r) => r.table === 'event')).toBe(true)
  })

  it('sched-syscalls: time (exact ns), cpu, tid and every callchain (count, symbols, dso, kernel ips)', () => {
    const { rows, reference } = load('sched-syscalls')
    expect(rows.length).toBe(reference.length)
    const withoutChain: number[] = []
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]
      const s = reference[i]
      expect([r.tsNs, r.cpu, r.tid], `sample ${i}`).toEqual([s.tsNs, s.cpu, s.tid])
      if (s.frames.length === 0) {
        withoutChain.push(i)
        continue
      }
      expect(r.frames.map((f) => f.symbol), `sample ${i}`).toEqual(s.frames.map((f) => f.symbol))
      for (let k = 0; k < s.frames.length; k++) {
        if (s.frames[k].symbol === '[unknown]') continue // the JSON has no dso for an unresolved frame
        expect(r.frames[k].dso).toBe(shortDso(s.frames[k].dso))
        if (s.frames[k].dso === '[kernel.kallsyms]') expect(r.frames[k].ip).toBe(s.frames[k].ip)
      }
    }
    // perf script prints no callchain for bash's execve enter/exit (its maps are replaced
    // by the exec); the JSON converter resolves each ip on its own and writes them.
    expect(withoutChain.map((i) => `${reference[i].comm} ${reference[i].event}`)).toEqual(['bash raw_syscalls:sys_enter', 'bash raw_syscalls:sys_exit'])
    expect(withoutChain.map((i) => rows[i].frames[0].symbol)).toEqual(['syscall_trace_enter', 'syscall_exit_work'])
  })

  it('cpu-clock-spin (default event, -g): all samples, with pid, comm and callchains', () => {
    const { out, rows, reference } = load('cpu-clock-spin')
    expect(reference.length).toBe(1988)
    // perf record's default event: the JSON does not say that this VM fell back to cpu-clock.
    expect(eventCounts(out)).toEqual({ 'cycles|cpu-clock': 1988 })
    expect(rows.length).toBe(reference.length)
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]
      const s = reference[i]
      expect([r.table, r.tsNs, r.cpu, r.tid, r.pid, r.comm], `sample ${i}`).toEqual(['sample', s.tsNs, s.cpu, s.tid, s.pid, s.comm])
      expect(r.frames.map((f) => f.symbol), `sample ${i}`).toEqual(s.frames.map((f) => f.symbol))
    }
  })

  it('hotspots-small (fixtures-real): 3995 samples, deep recursive callchains frame for frame', () => {
    const { out, rows, reference } = load('hotspots-small')
    expect(eventCounts(out)).toEqual({ 'cycles|cpu-clock': 3995 })
    expect(rows.length).toBe(3995)
    let frames = 0
    for (let i = 0; i < rows.length; i++) {
      expect([rows[i].tsNs, rows[i].tid, rows[i].comm], `sample ${i}`).toEqual([reference[i].tsNs, reference[i].tid, reference[i].comm])
      expect(rows[i].frames.map((f) => f.symbol), `sample ${i}`).toEqual(reference[i].frames.map((f) => f.symbol))
      frames += rows[i].frames.length
    }
    expect(frames).toBe(reference.reduce((n, s) => n + s.frames.length, 0))
  })

  it('hackbench-small (fixtures-real, no -g, no kernel symbols): every sample, named by the recorded events', () => {
    const { out, rows, reference } = load('hackbench-small')
    expect(reference.length).toBe(10194)
    const recorded = 'sched:sched_switch|sched:sched_wakeup|sched:sched_wakeup_new|sched:sched_migrate_task|sched:sched_process_exit|sched:sched_process_fork'
    expect(eventCounts(out)).toEqual({ [recorded]: 10194 })
    // perf script's own names are all among the recorded events the parser lists.
    expect(new Set(reference.map((s) => s.event))).toEqual(new Set(recorded.split('|')))
    for (let i = 0; i < rows.length; i++) {
      expect([rows[i].tsNs, rows[i].cpu, rows[i].tid], `sample ${i}`).toEqual([reference[i].tsNs, reference[i].cpu, reference[i].tid])
      expect(rows[i].frames.map((f) => f.ip), `sample ${i}`).toEqual(reference[i].frames.map((f) => f.ip))
    }
  })

  it('counts every line of the input (wc -l)', () => {
    for (const name of ['sched-syscalls', 'cpu-clock-spin', 'hotspots-small', 'hackbench-small']) {
      const text = fixture(`${name}.json.gz`)
      const newlines = text.toString('latin1').split('\n').length - 1
      expect(parsePerfJsonText(text).lines, name).toBe(newlines)
    }
  })
})
