// A trace.dat whose event data is damaged (cut inside CPU 1's last page): ingest keeps every
// event read before the damage, records where the data ends, and still reports the damage as
// an input error (exit code 2). The kept rows are the undamaged file's rows: all of CPU 0's,
// and CPU 1's up to the cut.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { tableFromIPC } from 'apache-arrow'
import { describe, expect, it } from 'vitest'
import { DamagedInputError } from '../src/errors.js'
import { ingest } from '../src/ingest/ingest.js'
import { CLI, REAL, ROOT } from './shared-paths.js'

const V6 = gunzipSync(readFileSync(join(REAL, 'ftrace/small-top.v6.dat.gz')))
// CPU 1's data is last in the file: 0x75f000 + 229376 bytes (trace-cmd convert's log); cut 1000 bytes into its last page.
const CUT = 0x75f000 + 229376 - 4096 + 1000

const rowsOf = (dir: string, table: string, cpu: number): string[] => {
  const t = tableFromIPC(readFileSync(join(dir, `${table}.arrow`)))
  const rows: string[] = []
  // seq numbers the events of the whole trace: past the cut, CPU 1's missing events shift it.
  for (const r of t) if (r!.cpu === cpu) rows.push(JSON.stringify({ ...r!.toJSON(), seq: undefined }, (_, v) => (typeof v === 'bigint' ? String(v) : v)))
  return rows
}

describe('a trace.dat cut inside a page', () => {
  it.each([1, 2])('is ingested up to the damage, which is reported (%i workers)', async (workers) => {
    const tmp = mkdtempSync(join(tmpdir(), 'exotrace-damage-'))
    const cut = join(tmp, 'cut.dat')
    writeFileSync(cut, V6.subarray(0, CUT))
    const whole = await ingest(join(REAL, 'ftrace/small-top.v6.dat.gz'), join(tmp, 'whole'), { workers })
    expect(whole.events).toBe(12036) // the events trace-cmd report prints for the whole file
    const error = await ingest(cut, join(tmp, 'kept'), { workers }).then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(DamagedInputError)
    expect((error as Error).message).toMatch(/cut\.dat \(byte 7955432\): expected CPU 1: 3280 bytes of event data \(page cut off\); the \d+ events before it are kept in/)
    const kept = JSON.parse(readFileSync(join(tmp, 'kept', 'meta.json'), 'utf8')) as { events: number; context: { damage: unknown } }
    expect(kept.context.damage).toEqual({ byte_offset: 7955432, expected: 'CPU 1: 3280 bytes of event data (page cut off)', found: null })
    // Only the tail of one page is missing: fewer events than a 4 KB page holds.
    expect(whole.events - kept.events).toBeGreaterThan(0)
    expect(whole.events - kept.events).toBeLessThan(255)
    for (const table of ['sched_switch', 'sched_wakeup']) {
      expect(rowsOf(join(tmp, 'kept'), table, 0)).toEqual(rowsOf(join(tmp, 'whole'), table, 0))
      const keptCpu1 = rowsOf(join(tmp, 'kept'), table, 1)
      expect(keptCpu1.length).toBeGreaterThan(0)
      expect(keptCpu1).toEqual(rowsOf(join(tmp, 'whole'), table, 1).slice(0, keptCpu1.length))
    }
  })

  it('an analysis or a check of what was kept says the input was damaged', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'exotrace-damage-'))
    writeFileSync(join(tmp, 'cut.dat'), V6.subarray(0, CUT))
    await ingest(join(tmp, 'cut.dat'), join(tmp, 'kept'), { workers: 2 }).catch(() => undefined)
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT })
    const analyzed = cli('analyze', join(tmp, 'kept'), 'sched-latency', '--json')
    expect(analyzed.status).toBe(0)
    expect((JSON.parse(analyzed.stdout) as { result: { coverage: unknown } }).result.coverage).toMatchObject({ input_damage: { byte_offset: 7955432 } })
    expect(analyzed.stderr).toMatch(/warning: .*kept: read from an input damaged at byte 7955432 .*only the events read before the damage/)
    const checked = cli('check', join(tmp, 'kept'), '--spec', 'specs/exo-os.toml', '--json')
    const criteria = (JSON.parse(checked.stdout) as { criteria: { status: string; main: { verdict: { warnings: string[] } } }[] }).criteria
    const judged = criteria.filter((c) => c.status !== 'not-measured')
    expect(judged.length).toBeGreaterThan(0)
    for (const c of judged) expect(c.main.verdict.warnings.join('\n')).toMatch(/the input was damaged at byte 7955432/)
  })
})
