// `ingest --parquet` writes what DuckDB reads without an extension: same rows per table, same
// nanosecond timestamps, same strings as the Arrow files.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tableFromIPC } from 'apache-arrow'
import { DuckDBInstance } from '@duckdb/node-api'
import { describe, expect, it } from 'vitest'
import { ingest } from '../src/ingest/ingest.js'
import { FIXTURES } from './shared-paths.js'

describe('ingest --parquet', () => {
  it('gives DuckDB the same rows as the Arrow files', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'exotrace-')), 'ds')
    const meta = await ingest(join(FIXTURES, 'sched/hackbench-cyclictest.perf-script-ns.txt.gz'), dir, { workers: 2, parquet: true })
    const db = await (await DuckDBInstance.create(':memory:')).connect()
    expect(Object.keys(meta.tables).length).toBeGreaterThanOrEqual(4)
    for (const [table, rows] of Object.entries(meta.tables)) {
      const r = (await db.runAndReadAll(`SELECT count(*) AS n FROM '${join(dir, `${table}.parquet`)}'`)).getRowObjects()
      expect(Number(r[0].n), table).toBe(rows)
    }
    const arrow = tableFromIPC(readFileSync(join(dir, 'sched_switch.arrow')))
    const ts = arrow.getChild('ts')!.data.flatMap((d) => Array.from(d.values as BigInt64Array))
    const comm = arrow.getChild('next_comm')!.toArray() as string[]
    const rows = (await db.runAndReadAll(`SELECT epoch_ns(ts) AS ts, next_comm FROM '${join(dir, 'sched_switch.parquet')}' ORDER BY seq`)).getRowObjects()
    expect(rows.length).toBe(ts.length)
    rows.forEach((row, i) => {
      expect(BigInt(row.ts as bigint)).toBe(ts[i])
      expect(row.next_comm).toBe(comm[i])
    })
  })
})
