// Damaged inputs: clear TraceDatErrors (file, byte offset, what was expected), what was read
// before the damage kept, unparseable formats reported by name.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { detectTraceDat } from './detect-trace-dat.js'
import { bytesSource } from './random-access-source.js'
import { readTraceDat } from './read-trace-dat.js'
import { TraceDatError } from './trace-dat-error.js'
import type { TraceDatEvent, TraceDatMeta, TraceDatRecord } from './trace-dat-records.js'
import { REAL } from '../../test/shared-paths.js'

const V7 = readFileSync(`${REAL}/ftrace/small-top.dat`)
const V6 = gunzipSync(readFileSync(`${REAL}/ftrace/small-top.v6.dat.gz`))

async function drain(bytes: Uint8Array, name = 'damaged.dat'): Promise<{ records: TraceDatRecord[]; error: unknown }> {
  const records: TraceDatRecord[] = []
  try {
    for await (const r of readTraceDat(bytesSource(bytes, name))) records.push(r)
  } catch (error) {
    return { records, error }
  }
  return { records, error: undefined }
}

const eventsOf = (records: TraceDatRecord[]) => records.filter((r): r is TraceDatEvent => r.kind === 'event')

function patched(bytes: Uint8Array, offset: number, replacement: string): Uint8Array {
  const copy = Uint8Array.from(bytes)
  copy.set(Buffer.from(replacement, 'latin1'), offset)
  return copy
}

describe('detectTraceDat', () => {
  it('answers by the 10 magic bytes', () => {
    expect(detectTraceDat(V7.subarray(0, 64))).toBe('yes')
    expect(detectTraceDat(V7.subarray(0, 4))).toBe('more')
    expect(detectTraceDat(new Uint8Array(0))).toBe('more')
    expect(detectTraceDat(Buffer.from('# tracer: nop\n'))).toBe('no')
    expect(detectTraceDat(Buffer.from('PERFILE2'))).toBe('no')
  })
})

describe('header errors', () => {
  it('bad magic: offset of the first wrong byte', async () => {
    const { records, error } = await drain(patched(V7, 4, 'X'), 'bad-magic.dat')
    expect(records).toEqual([])
    expect(error).toBeInstanceOf(TraceDatError)
    expect(error).toMatchObject({ offset: 4, file: 'bad-magic.dat' })
    expect((error as TraceDatError).expected).toMatch(/magic/)
    expect((error as Error).message).toBe('bad-magic.dat: byte 4: expected trace.dat magic 17 08 44 "tracing", found 0x58')
  })

  it('unknown version', async () => {
    const { error } = await drain(patched(V7, 10, '8'))
    expect(error).toMatchObject({ offset: 10, expected: 'file version "6" or "7"' })
    expect((error as Error).message).toMatch(/found "8"/)
  })

  it('a file cut inside the metadata says which part is missing', async () => {
    const { records, error } = await drain(V6.subarray(0, 3000))
    expect(records).toEqual([])
    expect(error).toBeInstanceOf(TraceDatError)
    expect((error as TraceDatError).expected).toMatch(/ftrace event format/)
    expect((error as Error).message).toMatch(/found end of file/)
  })

  it('a v7 file cut before its second options section', async () => {
    const { error } = await drain(V7.subarray(0, 1_180_000))
    expect(error).toBeInstanceOf(TraceDatError)
    expect((error as Error).message).toMatch(/byte 1195700: expected options section header \(16 bytes\), found end of file \(the file has 1180000 bytes\)/)
  })
})

describe('a cut-off last page (v6, CPU 1 data is last in the file)', () => {
  let full: TraceDatEvent[]
  beforeAll(async () => {
    full = eventsOf((await drain(V6)).records)
  })

  it('keeps every event read before the damage, then throws where the data ends', async () => {
    const meta = (await drain(V6)).records[0] as TraceDatMeta
    const cpu1 = meta.cpuData.find((c) => c.cpu === 1)!
    expect(cpu1.bytes).toBe(229376)
    // CPU 1 data: 0x75f000 + 229376 bytes (trace-cmd convert log); cut 1000 bytes into its last page.
    const cut = 0x75f000 + 229376 - 4096 + 1000
    expect(cut).toBeLessThan(V6.length)
    const { records, error } = await drain(V6.subarray(0, cut))
    expect(error).toBeInstanceOf(TraceDatError)
    expect(error).toMatchObject({ offset: cut })
    expect((error as Error).message).toMatch(/CPU 1: .*page cut off/)
    const kept = eventsOf(records)
    expect(kept.filter((e) => e.cpu === 0)).toEqual(full.filter((e) => e.cpu === 0))
    const keptCpu1 = kept.filter((e) => e.cpu === 1)
    const fullCpu1 = full.filter((e) => e.cpu === 1)
    expect(keptCpu1).toEqual(fullCpu1.slice(0, keptCpu1.length))
    // Only the tail of the last page is missing: more than none, fewer than a page holds (4080 / 16 bytes).
    expect(fullCpu1.length - keptCpu1.length).toBeGreaterThan(0)
    expect(fullCpu1.length - keptCpu1.length).toBeLessThan(255)
  })
})

describe('an event format that cannot be parsed', () => {
  it('warns naming the event and keeps its records with their length', async () => {
    const text = V6.toString('latin1')
    const at = text.indexOf('\tfield:char prev_comm[16];\toffset:8;', text.indexOf('name: sched_switch\nID:'))
    expect(at).toBeGreaterThan(0)
    const { records, error } = await drain(patched(V6, at + 1, 'garbage:'))
    expect(error).toBeUndefined()
    const meta = records[0] as TraceDatMeta
    expect(meta.warnings).toHaveLength(1)
    expect(meta.warnings[0]).toMatch(/sched:sched_switch: unreadable field line "garbage:ar prev_comm\[16\];/)
    const switches = eventsOf(records).filter((e) => e.name === 'sched_switch')
    expect(switches).toHaveLength(980)
    expect(switches.every((e) => e.system === 'sched' && Object.keys(e.fields).length === 0 && e.size === 64)).toBe(true)
    expect(eventsOf(records)).toHaveLength(12036)
  })
})

describe('a corrupted compressed chunk (v7, CPU 1)', () => {
  it('keeps CPU 0 whole and CPU 1 up to the bad chunk, then names the chunk', async () => {
    const full = eventsOf((await drain(V7)).records)
    // CPU 1 data at 1171456 (trace-cmd extract log): u32 chunk count, then per chunk u32 sizes + data.
    const view = new DataView(V7.buffer, V7.byteOffset, V7.byteLength)
    let chunk = 1171456 + 4
    for (let k = 0; k < 2; k++) chunk += 8 + view.getUint32(chunk, true)
    const damaged = Uint8Array.from(V7)
    for (let i = 2000; i < 2040; i++) damaged[chunk + 8 + i]! ^= 0xff
    const { records, error } = await drain(damaged)
    expect(error).toBeInstanceOf(TraceDatError)
    expect(error).toMatchObject({ offset: chunk })
    expect((error as Error).message).toMatch(/expected a zstd-compressed chunk of CPU 1 data, found decompressed \d+ bytes, the header says 40960/)
    const kept = eventsOf(records)
    expect(kept.filter((e) => e.cpu === 0)).toEqual(full.filter((e) => e.cpu === 0))
    // The bad chunk is dropped whole (its bytes cannot be trusted); the two before it are kept.
    const keptCpu1 = kept.filter((e) => e.cpu === 1)
    const fullCpu1 = full.filter((e) => e.cpu === 1)
    expect(keptCpu1).toEqual(fullCpu1.slice(0, keptCpu1.length))
    expect(keptCpu1.length).toBeGreaterThan(0)
    expect(keptCpu1.length).toBeLessThan(fullCpu1.length)
  })
})

describe('events whose ID has no format', () => {
  it('are kept with their length, and a warning names the ID once', async () => {
    const text = V6.toString('latin1')
    const at = text.indexOf('name: sched_switch\nID: 372\n')
    expect(at).toBeGreaterThan(0)
    const bytes = patched(V6, at + 'name: sched_switch\nID: '.length, '999')
    const warnings: string[] = []
    const records: TraceDatRecord[] = []
    for await (const r of readTraceDat(bytesSource(bytes), { onWarning: (w) => warnings.push(w) })) records.push(r)
    expect(warnings).toEqual(['no format for event ID 372 (CPU 1): its records are kept as "unknown_event_372" with their length only'])
    const unknown = eventsOf(records).filter((e) => e.id === 372)
    expect(unknown).toHaveLength(980)
    expect(unknown.every((e) => e.name === 'unknown_event_372' && e.size === 64 && e.pid >= 0)).toBe(true)
  })
})
