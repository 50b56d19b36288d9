import { decompressBlock } from './decompress.js'
import type { FileHeader } from './file-header.js'
import type { RandomAccessSource } from './random-access-source.js'
import { SourceReader } from './source-reader.js'
import { TraceDatError } from './trace-dat-error.js'
import type { BufferData, CpuData } from './trace-dat-layout.js'

export interface CpuPage {
  /** The page from its header on; shorter than the page size only where the file ends. */
  bytes: Uint8Array
  /** File offset of the page, or of its compressed chunk. */
  fileOffset: number
}

/**
 * One CPU's pages in file order. Uncompressed data is read `readAheadPages` pages at a time, the next block while the current one is decoded;
 * compressed (v7) data one chunk at a time. Memory: two read blocks per CPU.
 */
export async function* cpuPages(
  src: RandomAccessSource,
  header: FileHeader,
  buffer: BufferData,
  cpu: CpuData,
  readAheadPages = 16,
): AsyncGenerator<CpuPage> {
  const pageSize = buffer.pageSize
  if (!buffer.compressed) {
    const end = cpu.offset + cpu.size
    const blockBytes = pageSize * readAheadPages
    const readBlock = (offset: number) => ({ offset, wanted: Math.min(end - offset, blockBytes), bytes: src.read(offset, Math.min(end - offset, blockBytes)) })
    // The next block is read while this one's pages are decoded: two blocks per CPU at most.
    let next = cpu.offset < end ? readBlock(cpu.offset) : undefined
    while (next !== undefined) {
      const { offset, wanted } = next
      const block = await next.bytes
      next = offset + wanted < end && block.length === wanted ? readBlock(offset + wanted) : undefined
      for (let p = 0; p < block.length; p += pageSize) {
        yield { bytes: block.subarray(p, Math.min(block.length, p + pageSize)), fileOffset: offset + p }
      }
      // Cut off on a page boundary: an empty page makes the decoder report where.
      if (block.length < wanted && block.length % pageSize === 0) yield { bytes: new Uint8Array(0), fileOffset: offset + block.length }
    }
    return
  }
  // An idle CPU has no chunk list at all (size 0), not a list of zero chunks.
  if (cpu.size === 0) return
  if (header.compression === undefined) throw new TraceDatError('a compression algorithm for compressed CPU data', cpu.offset, { file: src.name })
  const r = new SourceReader(src, header.littleEndian, cpu.offset)
  const chunks = await r.u32(`CPU ${cpu.cpu} chunk count`)
  for (let i = 0; i < chunks; i++) {
    const chunkOffset = r.pos
    const sizes = await r.cursor(8, `CPU ${cpu.cpu} chunk ${i} sizes`)
    const compressedSize = sizes.u32('compressed size')
    const size = sizes.u32('uncompressed size')
    const data = (await r.cursor(compressedSize, `CPU ${cpu.cpu} chunk ${i} data`)).bytes
    let pages: Uint8Array
    try {
      pages = decompressBlock(header.compression.name, data, size)
    } catch (e) {
      throw new TraceDatError(`a ${header.compression.name}-compressed chunk of CPU ${cpu.cpu} data`, chunkOffset, { file: src.name, found: (e as Error).message })
    }
    for (let p = 0; p < pages.length; p += pageSize) {
      yield { bytes: pages.subarray(p, Math.min(pages.length, p + pageSize)), fileOffset: chunkOffset }
    }
  }
}
