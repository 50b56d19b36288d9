// perf after 6.1 adds a tracepoint's fields to each JSON sample (data-convert-json.c: one
// `"field": "value"` string per non-common field of the format file, after `callchain`).
// perf 6.1 here cannot write them, so this input is built from two real outputs of the same
// perf.data (fixtures-real sched/hackbench-small): our JSON conversion (time, pid, tid, cpu,
// callchain) and perf script's default text, whose key=value payloads give the fields
// (renamed to the format file's names where perf script prints other labels). The typed rows
// must carry perf script's values, and the sample's own pid/comm must survive the fields
// of the same name.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { TableName } from '../../tables/schema.js'
import type { PieceTables } from '../../tables/piece-tables.js'
import { parsePerfJsonText } from './parse-perf-json-text.js'
import { eventCounts } from './perf-script-reference.js'
import { FIXTURES, REAL } from '../../test/shared-paths.js'

const gunzip = (path: string): string => gunzipSync(readFileSync(path)).toString('utf8')
const converted = JSON.parse(gunzip(`${FIXTURES}/perf-json/hackbench-small.json.gz`)) as {
  'linux-perf-json-version': number, headers: unknown, samples: Record<string, unknown>[]
}
const script = gunzip(`${REAL}/sched/hackbench-small.perf-script.txt.gz`)

const LINE = /^\s*(.*?)\s+(\d+)\s+\[(\d+)\]\s+(\d+)\.(\d{6}):\s+(\S+):\s*(.*)$/
/** Format-file names of the fields perf script prints under other labels. */
const FIELD_NAMES: Record<string, Record<string, string>> = { 'sched:sched_process_fork': { comm: 'parent_comm', pid: 'parent_pid' } }

const lines = script.split('\n').filter((l) => l.trim() !== '').map((l) => {
  const m = LINE.exec(l)
  if (m === null) throw new Error(`not a perf script line: ${l}`)
  const fields: Record<string, string> = {}
  for (const [, k, v] of m[7].matchAll(/(\w+)=(\S*)/g)) fields[FIELD_NAMES[m[6]]?.[k] ?? k] = v
  return { cpu: Number(m[3]), tsUs: Number(m[4]) * 1e6 + Number(m[5]), event: m[6], payload: m[7], fields }
})
/** Upstream writes the fields after callchain, even those named like a sample key (`pid`, `comm`): keys repeat. */
let sampleIndex = 0
const withFields = JSON.stringify(converted, null, '\t').replace(/\n\t\t\}/g, (end) =>
  Object.entries(lines[sampleIndex++].fields).map(([name, value]) => `,\n\t\t\t${JSON.stringify(name)}: ${JSON.stringify(value)}`).join('') + end)

function rowsOf(out: PieceTables, table: TableName): Record<string, unknown>[] {
  const t = out.table(table)
  const rows: Record<string, unknown>[] = []
  for (let i = 0; i < t.length; i++) {
    const row: Record<string, unknown> = {}
    for (const c of t.list) {
      if (c.validity.bytes !== null && c.validity.bytes[i] === 0) row[c.spec.name] = null
      else if ('dictionary' in c) row[c.spec.name] = c.dictionary.strings[c.indices[i]]
      else if ('values' in c) row[c.spec.name] = c.values[i]
      else if ('offsets' in c) row[c.spec.name] = Buffer.from(c.bytes.subarray(c.offsets[i], c.offsets[i + 1])).toString('utf8')
    }
    rows.push(row)
  }
  return rows
}

describe('tracepoint fields (perf after 6.1) into the typed tables', () => {
  it('the two sources line up sample for sample (same perf.data)', () => {
    expect(lines.length).toBe(converted.samples.length)
    for (let k = 0; k < lines.length; k++) {
      expect(Math.floor((converted.samples[k].timestamp as number) / 1000), `sample ${k}`).toBe(lines[k].tsUs)
    }
  })

  for (const chunkBytes of [1 << 24, 4096]) {
    it(`events named by their fields (chunks of ${chunkBytes} bytes)`, () => {
      const out = parsePerfJsonText(withFields, {}, chunkBytes)
      // sched_wakeup and sched_wakeup_new have the same fields: the rows say both.
      expect(eventCounts(out)).toEqual({
        'sched:sched_switch': 5890, 'sched:sched_wakeup|sched:sched_wakeup_new': 4017 + 66,
        'sched:sched_migrate_task': 88, 'sched:sched_process_exit': 67, 'sched:sched_process_fork': 66,
      })
      // Each sample has a callchain (its ip): a `sample` row too, under the same name.
      const sample = out.table('sample').col.event
      const names = Array.from({ length: sample.length }, (_, i) => sample.dictionary.strings[sample.indices[i]])
      expect(names).toEqual(lines.map((l) => (l.event.startsWith('sched:sched_wakeup') ? 'sched:sched_wakeup|sched:sched_wakeup_new' : l.event)))
    })
  }

  it('fields named like sample keys do not replace the sample\'s own (tid, pid in the rows are the running thread)', () => {
    expect(withFields).toContain('"comm": "perf",')
    const out = parsePerfJsonText(withFields)
    const wakeups = converted.samples.filter((_s, k) => lines[k].event.startsWith('sched:sched_wakeup'))
    expect(rowsOf(out, 'sched_wakeup').map((r) => r.tid)).toEqual(wakeups.map((s) => s.tid))
  })

  it('sched_switch rows carry perf script\'s prev/next comm, tid, prio and state', () => {
    const out = parsePerfJsonText(withFields)
    const expected = lines.filter((l) => l.event === 'sched:sched_switch').map((l) => ({
      cpu: l.cpu, prev_comm: l.fields.prev_comm, prev_tid: Number(l.fields.prev_pid), prev_prio: Number(l.fields.prev_prio),
      prev_state: l.fields.prev_state, next_comm: l.fields.next_comm, next_tid: Number(l.fields.next_pid), next_prio: Number(l.fields.next_prio),
    }))
    const rows = rowsOf(out, 'sched_switch').map(({ cpu, prev_comm, prev_tid, prev_prio, prev_state, next_comm, next_tid, next_prio }) =>
      ({ cpu, prev_comm, prev_tid, prev_prio, prev_state, next_comm, next_tid, next_prio }))
    expect(rows).toEqual(expected)
  })

  it('sched_wakeup and sched_migrate rows carry perf script\'s values', () => {
    const out = parsePerfJsonText(withFields)
    const wakeups = lines.filter((l) => l.event.startsWith('sched:sched_wakeup')).map((l) => ({
      kind: 'wakeup|wakeup_new', comm: l.fields.comm, wakee_tid: Number(l.fields.pid), prio: Number(l.fields.prio), target_cpu: Number(l.fields.target_cpu),
    }))
    expect(rowsOf(out, 'sched_wakeup').map(({ kind, comm, wakee_tid, prio, target_cpu }) => ({ kind, comm, wakee_tid, prio, target_cpu }))).toEqual(wakeups)
    const migrations = lines.filter((l) => l.event === 'sched:sched_migrate_task').map((l) => ({
      comm: l.fields.comm, migrated_tid: Number(l.fields.pid), orig_cpu: Number(l.fields.orig_cpu), dest_cpu: Number(l.fields.dest_cpu),
    }))
    expect(rowsOf(out, 'sched_migrate').map(({ comm, migrated_tid, orig_cpu, dest_cpu }) => ({ comm, migrated_tid, orig_cpu, dest_cpu }))).toEqual(migrations)
  })

  it('events without a typed table keep their fields in event.args, as perf script prints them', () => {
    const out = parsePerfJsonText(withFields)
    const expected = lines.filter((l) => l.event === 'sched:sched_process_exit' || l.event === 'sched:sched_process_fork')
      .map((l) => ({ name: l.event, args: l.event.endsWith('fork') ? l.payload.replace('comm=', 'parent_comm=').replace(' pid=', ' parent_pid=') : l.payload }))
    expect(rowsOf(out, 'event').map(({ name, args }) => ({ name, args }))).toEqual(expected)
  })
})
