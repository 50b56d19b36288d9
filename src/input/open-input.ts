// Every input is a byte stream: a file, `-` for stdin, gzip or zstd recognised by their magic
// bytes (never by name). Plain files are read in 1 MiB chunks with read(2): FINDINGS.md
// measured 3.6 GB/s for that against 1.7 GB/s at 64 KiB.
import { open, stat } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import { Decompress } from 'fzstd'
import { UsageError } from '../errors.js'

const CHUNK_BYTES = 1 << 20
const READ_AHEAD = 8
const GZIP_MAGIC = [0x1f, 0x8b]
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd]

export type Compression = 'gzip' | 'zstd' | null

export interface OpenedInput {
  name: string
  /** Size on disk (compressed size for compressed files); null for stdin. */
  bytesOnDisk: number | null
  compression: Compression
  /** Decompressed bytes, in order. Consume once. */
  chunks: AsyncIterable<Uint8Array>
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b)
}

interface ReadPlan {
  /** reads under way ahead of the consumer */
  ahead: number
  /** buffers come round again (a ring): the consumer copies each chunk before asking for the next */
  reuse: boolean
}

/**
 * A one-worker ingest parses on this thread a piece (8 chunks) at a time and waited for each
 * read in between: READ_AHEAD reads under way cut its time by ~12%. Plain files go to the
 * piece cutter, which copies a chunk before asking for the next, so their buffers are a ring
 * (fresh ones were garbage that held ~30 MB until a collection); a compressed file's chunks
 * may be held by the decompressor, so each of its reads gets a fresh buffer.
 */
async function* fileChunks(path: string, plan: ReadPlan): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r')
  // The consumer may still hold the last chunk, and peek the first two, while reads are under way.
  const ring: Buffer[] = []
  const ringSize = plan.ahead + 2
  let issued = 0
  const reads: Promise<{ bytesRead: number; buffer: Buffer }>[] = []
  const readNext = (): void => {
    let buffer = plan.reuse ? ring[issued % ringSize] : undefined
    if (buffer === undefined) {
      buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES)
      if (plan.reuse) ring[issued % ringSize] = buffer
    }
    // Positions are explicit when reads overlap; a pipe is read one read at a time.
    reads.push(fh.read(buffer, 0, CHUNK_BYTES, plan.ahead > 1 ? issued * CHUNK_BYTES : null))
    issued++
  }
  try {
    for (;;) {
      while (reads.length < plan.ahead) readNext()
      const { bytesRead, buffer } = await reads.shift()!
      if (bytesRead === 0) return
      yield buffer.subarray(0, bytesRead)
    }
  } finally {
    // Reads still under way must end before the handle closes.
    await Promise.allSettled(reads)
    await fh.close()
  }
}

async function* streamChunks(stream: AsyncIterable<Buffer>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield chunk
}

async function* zstdChunks(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = []
  const dec = new Decompress((chunk) => { out.push(chunk) })
  for await (const chunk of source) {
    dec.push(chunk)
    while (out.length > 0) yield out.shift()!
  }
  dec.push(new Uint8Array(0), true)
  while (out.length > 0) yield out.shift()!
}

/** Reads the first bytes of a stream and gives back a stream that still starts at byte 0. */
export async function peek(source: AsyncIterable<Uint8Array>, bytes: number): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]()
  const seen: Uint8Array[] = []
  let have = 0
  let done = false
  while (have < bytes) {
    const r = await it.next()
    if (r.done) { done = true; break }
    seen.push(r.value)
    have += r.value.length
  }
  const head = Buffer.concat(seen)
  // Not a generator: ending it (return) must end the source too, also before its first chunk
  // was read (trace.dat is read by random access after detection; its chunk stream, left open,
  // kept a file handle that Node closed on garbage collection, with a warning).
  let next = 0
  const rest: AsyncIterableIterator<Uint8Array> = {
    [Symbol.asyncIterator]() { return this },
    async next() {
      if (next < seen.length) return { value: seen[next++]!, done: false }
      return done ? { value: undefined, done: true } : it.next()
    },
    async return() {
      done = true
      await it.return?.()
      return { value: undefined, done: true }
    },
  }
  return { head, rest }
}

async function firstBytes(path: string, n: number): Promise<Uint8Array> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(n)
    return buf.subarray(0, (await fh.read(buf, 0, n, 0)).bytesRead)
  } finally {
    await fh.close()
  }
}

function decompressed(name: string, bytesOnDisk: number | null, head: Uint8Array, rest: AsyncIterable<Uint8Array>): OpenedInput {
  if (startsWith(head, GZIP_MAGIC)) {
    const gunzip = createGunzip()
    const feed = (async () => { for await (const c of rest) if (!gunzip.write(c)) await new Promise((r) => gunzip.once('drain', r)); gunzip.end() })()
    feed.catch((e: unknown) => gunzip.destroy(e as Error))
    return { name, bytesOnDisk, compression: 'gzip', chunks: streamChunks(gunzip) }
  }
  if (startsWith(head, ZSTD_MAGIC)) return { name, bytesOnDisk, compression: 'zstd', chunks: zstdChunks(rest) }
  return { name, bytesOnDisk, compression: null, chunks: rest }
}

export async function openInput(path: string): Promise<OpenedInput> {
  if (path === '-') {
    const { head, rest } = await peek(streamChunks(process.stdin), 4)
    return decompressed(path, null, head, rest)
  }
  const st = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(e.code === 'ENOENT' ? `${path}: no such file` : `${path}: ${e.message}`)
  })
  if (st.isDirectory()) throw new UsageError(`${path}: is a directory, not a trace or an exotrace dataset (no meta.json)`)
  if (!st.isFile()) {
    const { head, rest } = await peek(fileChunks(path, { ahead: 1, reuse: false }), 4)
    return decompressed(path, st.size, head, rest)
  }
  const head = await firstBytes(path, 4)
  const plain = !startsWith(head, GZIP_MAGIC) && !startsWith(head, ZSTD_MAGIC)
  return decompressed(path, st.size, head, fileChunks(path, { ahead: READ_AHEAD, reuse: plain }))
}
