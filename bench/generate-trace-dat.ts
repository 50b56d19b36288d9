// Builds a large trace.dat (version 6, uncompressed) at run time from a real recording: the
// header, formats and options are kept; each CPU's ring-buffer pages are repeated, every copy's
// page timestamps shifted past the previous copy, so the result reads as one long recording.
import { createWriteStream, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'

const FLYRECORD = Buffer.from('flyrecord\0', 'latin1')

export async function generateTraceDat(v6Gz: string, path: string, targetBytes: number, pageSize = 4096): Promise<number> {
  const src = gunzipSync(readFileSync(v6Gz))
  const table = src.indexOf(FLYRECORD) + FLYRECORD.length
  const cpus: { data: Buffer; firstTs: bigint; lastTs: bigint }[] = []
  for (let at = table; at + 16 <= src.length; at += 16) {
    const offset = Number(src.readBigUInt64LE(at))
    const size = Number(src.readBigUInt64LE(at + 8))
    if (offset < table || offset + size > src.length || size % pageSize !== 0) break
    const data = src.subarray(offset, offset + size)
    cpus.push({ data, firstTs: data.readBigUInt64LE(0), lastTs: data.readBigUInt64LE(size - pageSize) })
  }
  const spanNs = cpus.reduce((m, c) => (c.lastTs > m ? c.lastTs : m), 0n) - cpus.reduce((m, c) => (c.firstTs < m ? c.firstTs : m), cpus[0].firstTs) + 10_000_000n
  const copies = Math.max(1, Math.ceil(targetBytes / cpus.reduce((n, c) => n + c.data.length, 0)))
  const header = Buffer.from(src.subarray(0, table + 16 * cpus.length))
  let offset = Math.ceil(header.length / pageSize) * pageSize
  cpus.forEach((c, i) => {
    header.writeBigUInt64LE(BigInt(offset), table + 16 * i)
    header.writeBigUInt64LE(BigInt(c.data.length * copies), table + 16 * i + 8)
    offset += c.data.length * copies
  })
  const out = createWriteStream(path)
  const write = async (b: Uint8Array): Promise<void> => { if (!out.write(b)) await new Promise((r) => out.once('drain', r)) }
  await write(header)
  await write(new Uint8Array(Math.ceil(header.length / pageSize) * pageSize - header.length))
  for (const c of cpus) {
    for (let k = 0; k < copies; k++) {
      const copy = Buffer.from(c.data)
      for (let p = 0; p < copy.length; p += pageSize) copy.writeBigUInt64LE(copy.readBigUInt64LE(p) + BigInt(k) * spanNs, p)
      await write(copy)
    }
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  return offset
}
