// An ingested dataset read back with apache-arrow's own reader holds exactly the rows the
// parser produced; and the files are the same whatever the worker count and piece size.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tableFromIPC } from 'apache-arrow'
import { describe, expect, it } from 'vitest'
import { parsePerfScriptText } from '../parsers/perf-script/parse-perf-script-text.js'
import { ingest } from '../src/ingest/ingest.js'
import { REAL } from './shared-paths.js'
import { gunzipSync } from 'node:zlib'

const trace = join(REAL, 'sched/hackbench-small.perf-script.txt.gz')
const tmp = (): string => mkdtempSync(join(tmpdir(), 'exotrace-'))

function readTable(dir: string, table: string) {
  return tableFromIPC(readFileSync(join(dir, `${table}.arrow`)))
}

describe('ingest', () => {
  it('writes tables that apache-arrow reads back row for row', async () => {
    const dir = join(tmp(), 'ds')
    const meta = await ingest(trace, dir, { workers: 1 })
    const direct = parsePerfScriptText(gunzipSync(readFileSync(trace)))
    const sw = readTable(dir, 'sched_switch')
    expect(sw.numRows).toBe(meta.tables.sched_switch)
    expect(sw.numRows).toBe(direct.table('sched_switch').length)
    const col = direct.table('sched_switch').col
    // Every row: timestamps exact to the ns (read as BigInt, FINDINGS: .get() on Timestamp(ns) loses precision), strings, ints.
    const ts = sw.getChild('ts')!.data.flatMap((d) => Array.from(d.values as BigInt64Array))
    const prevComm = sw.getChild('prev_comm')!.toArray() as string[]
    const nextTid = sw.getChild('next_tid')!.toArray() as Int32Array
    for (let r = 0; r < sw.numRows; r++) {
      expect(ts[r]).toBe(BigInt(col.ts.values[r]))
      expect(prevComm[r]).toBe(col.prev_comm.dictionary.strings[col.prev_comm.indices[r]])
      expect(nextTid[r]).toBe(col.next_tid.values[r])
    }
    const seq = sw.getChild('seq')!.data.flatMap((d) => Array.from(d.values as BigInt64Array))
    expect(seq.every((v, i) => i === 0 || v > seq[i - 1])).toBe(true)
    expect(meta.events).toBe(10194) // the samples perf record wrote (MANIFEST.md)
  })

  it('writes identical files with 1 or 2 workers and any piece size', async () => {
    const a = join(tmp(), 'a')
    const b = join(tmp(), 'b')
    await ingest(trace, a, { workers: 1, pieceBytes: 256 * 1024 })
    await ingest(trace, b, { workers: 2, pieceBytes: 256 * 1024 })
    const files = readdirSync(a).sort()
    expect(readdirSync(b).sort()).toEqual(files)
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true)
    // A different cut gives different batches but the same rows.
    const c = join(tmp(), 'c')
    await ingest(trace, c, { workers: 2, pieceBytes: 4 << 20 })
    for (const f of files.filter((x) => x.endsWith('.arrow'))) {
      const x = tableFromIPC(readFileSync(join(a, f)))
      const y = tableFromIPC(readFileSync(join(c, f)))
      expect(y.numRows, f).toBe(x.numRows)
      for (const field of x.schema.fields) {
        expect(JSON.stringify(y.getChild(field.name)!.toArray(), (_, v) => (typeof v === 'bigint' ? String(v) : v)), `${f}.${field.name}`)
          .toBe(JSON.stringify(x.getChild(field.name)!.toArray(), (_, v) => (typeof v === 'bigint' ? String(v) : v)))
      }
    }
  })

  it('writes the same meta.json with 1 or 2 workers when pieces hold different tables', async () => {
    // irq, softirq, sched and syscall events come and go: with 16 KiB pieces a worker meets the
    // tables in an order of its own, which must not reach meta.json's segments
    const mixed = join(REAL, 'irq/dd-cyclictest-small.perf-script.txt.gz')
    const a = join(tmp(), 'a')
    const b = join(tmp(), 'b')
    await ingest(mixed, a, { workers: 1, pieceBytes: 16 * 1024 })
    await ingest(mixed, b, { workers: 2, pieceBytes: 16 * 1024 })
    const segments = JSON.parse(readFileSync(join(a, 'meta.json'), 'utf8')).segments as string[][]
    expect(new Set(segments.map((s) => s.join())).size).toBeGreaterThan(1)
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true)
  })
})
