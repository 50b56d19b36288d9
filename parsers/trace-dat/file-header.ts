import { ByteCursor } from './byte-cursor.js'
import { TRACE_DAT_MAGIC } from './detect-trace-dat.js'
import type { RandomAccessSource } from './random-access-source.js'
import { TraceDatError } from './trace-dat-error.js'

export interface FileHeader {
  version: 6 | 7
  littleEndian: boolean
  /** The recording user space's `long` (4 or 8). */
  longSize: number
  pageSize: number
  /** v7: the compression named in the header; undefined when "none" or v6. */
  compression: { name: string; version: string } | undefined
  /** v7: offset of the first options section. v6: offset just past the header. */
  nextOffset: number
}

const HEADER_READ_BYTES = 256

/** The "initial format" both versions share, plus v7's compression and first-options offset. */
export async function readFileHeader(src: RandomAccessSource): Promise<FileHeader> {
  const head = await src.read(0, HEADER_READ_BYTES)
  for (let i = 0; i < TRACE_DAT_MAGIC.length; i++) {
    if (head[i] !== TRACE_DAT_MAGIC[i]) {
      const found = i >= head.length ? 'end of file' : `0x${head[i]!.toString(16).padStart(2, '0')}`
      throw new TraceDatError('trace.dat magic 17 08 44 "tracing"', i, { file: src.name, found })
    }
  }
  // Byte order is unknown until the endianness byte: the strings before it have none.
  let c = new ByteCursor(head, true, 0, src.name)
  c.pos = TRACE_DAT_MAGIC.length
  const versionText = c.cstring('file version string')
  if (versionText !== '6' && versionText !== '7') {
    throw new TraceDatError('file version "6" or "7"', TRACE_DAT_MAGIC.length, { file: src.name, found: JSON.stringify(versionText) })
  }
  const version = Number(versionText) as 6 | 7
  const endianPos = c.pos
  const endian = c.u8('endianness byte')
  if (endian > 1) throw new TraceDatError('endianness byte 0 or 1', endianPos, { file: src.name, found: String(endian) })
  const littleEndian = endian === 0
  c = new ByteCursor(head, littleEndian, 0, src.name)
  c.pos = endianPos + 1
  const longSize = c.u8('long size')
  if (longSize !== 4 && longSize !== 8) throw new TraceDatError('long size 4 or 8', c.pos - 1, { file: src.name, found: String(longSize) })
  const pageSize = c.u32('page size')
  if (pageSize < 64 || pageSize > 1 << 24) throw new TraceDatError('a page size', c.pos - 4, { file: src.name, found: String(pageSize) })
  if (version === 6) return { version, littleEndian, longSize, pageSize, compression: undefined, nextOffset: c.pos }
  const name = c.cstring('compression name')
  const compressionVersion = c.cstring('compression version')
  const nextOffset = c.u64('offset of the first options section')
  return { version, littleEndian, longSize, pageSize, compression: name === 'none' ? undefined : { name, version: compressionVersion }, nextOffset }
}
