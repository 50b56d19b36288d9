// The same recording read as trace.dat (v7 zstd, and v6 gzipped: spooled to a file) and as
// `trace-cmd report -t` text gives the same Arrow tables, column for column.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tableFromIPC } from 'apache-arrow'
import { describe, expect, it } from 'vitest'
import { ingest } from '../src/ingest/ingest.js'
import { REAL } from './shared-paths.js'

const json = (x: unknown): string => JSON.stringify(x, (_, v) => (typeof v === 'bigint' ? String(v) : v))

describe('trace.dat and its trace-cmd report text give the same tables', () => {
  it.each(['small-top.dat', 'small-top.v6.dat.gz'])('%s', async (name) => {
    const tmp = mkdtempSync(join(tmpdir(), 'exotrace-'))
    const bin = await ingest(join(REAL, 'ftrace', name), join(tmp, 'bin'), { workers: 2 })
    const txt = await ingest(join(REAL, 'ftrace/small-top.report-ns.txt.gz'), join(tmp, 'txt'), { workers: 2 })
    expect(bin.format).toBe('trace-dat')
    expect(bin.events).toBe(12036) // the events trace-cmd report prints
    expect(bin.events_by_name).toEqual(txt.events_by_name)
    const files = readdirSync(join(tmp, 'txt')).filter((f) => f.endsWith('.arrow')).sort()
    expect(readdirSync(join(tmp, 'bin')).filter((f) => f.endsWith('.arrow')).sort()).toEqual(files)
    for (const f of files) {
      const a = tableFromIPC(readFileSync(join(tmp, 'txt', f)))
      const b = tableFromIPC(readFileSync(join(tmp, 'bin', f)))
      for (const field of a.schema.fields) expect(json(b.getChild(field.name)!.toArray()), `${f} ${field.name}`).toBe(json(a.getChild(field.name)!.toArray()))
    }
  })
})
