// Every way a file comes in gives its bytes, in order, to a consumer that copies each chunk
// before asking for the next (the piece cutter's contract): a plain file read ahead into a
// ring of buffers, the same file gzipped, and a pipe.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { openInput, peek } from './open-input.js'

let dir: string
let original: Buffer

/** Copies of every chunk; the head held the way format detection holds it while reading on. */
async function readAll(path: string): Promise<{ bytes: Buffer; chunks: number }> {
  const opened = await openInput(path)
  const { head, rest } = await peek(opened.chunks, 1 << 20)
  expect(head.length).toBeGreaterThanOrEqual(1 << 20)
  const copies: Buffer[] = []
  for await (const c of rest) copies.push(Buffer.from(c))
  return { bytes: Buffer.concat(copies), chunks: copies.length }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exotrace-input-'))
  // 23.5 MiB of distinct bytes: more chunks than the ring has buffers, and a short last chunk.
  original = Buffer.alloc(23.5 * (1 << 20))
  let x = 12345
  for (let i = 0; i < original.length; i += 4) original.writeUInt32LE((x = (Math.imul(x, 1103515245) + 12345) >>> 0), i)
  writeFileSync(join(dir, 'plain.bin'), original)
  writeFileSync(join(dir, 'packed.bin.gz'), gzipSync(original, { level: 1 }))
})

describe('openInput', () => {
  it('reads a plain file whole and in order, 1 MiB chunks read ahead into a ring', async () => {
    const { bytes, chunks } = await readAll(join(dir, 'plain.bin'))
    expect(chunks).toBe(24)
    expect(bytes.equals(original)).toBe(true)
  })

  it('reads a gzipped file whole and in order', async () => {
    expect((await openInput(join(dir, 'packed.bin.gz'))).compression).toBe('gzip')
    expect((await readAll(join(dir, 'packed.bin.gz'))).bytes.equals(original)).toBe(true)
  })

  it.runIf(process.platform === 'linux')('reads a pipe, which has no positions', async () => {
    const fifo = join(dir, 'fifo')
    execFileSync('mkfifo', [fifo])
    const writer = spawn('sh', ['-c', `cat "${join(dir, 'plain.bin')}" > "${fifo}"`])
    const written = new Promise((resolve) => writer.on('close', resolve))
    expect((await readAll(fifo)).bytes.equals(original)).toBe(true)
    expect(await written).toBe(0)
  })
})
