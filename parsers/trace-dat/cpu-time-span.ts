import { ByteCursor } from './byte-cursor.js'
import { decompressBlock } from './decompress.js'
import { decodeRingBufferPage } from './ring-buffer-page.js'
import type { RandomAccessSource } from './random-access-source.js'
import { SourceReader } from './source-reader.js'
import type { BufferData, CpuData, TraceDatLayout } from './trace-dat-layout.js'
import type { TraceDatCpuSpan } from './trace-dat-records.js'

export type CpuTimeSpan = Pick<TraceDatCpuSpan, 'cpu' | 'bytes' | 'firstTs' | 'lastTs'>

/** First or last event time of the pages in `pages` (a whole number of pages), searching from one end. */
function edgeTs(layout: TraceDatLayout, pages: Uint8Array, pageSize: number, last: boolean): number | bigint | undefined {
  const count = Math.ceil(pages.length / pageSize)
  for (let k = 0; k < count; k++) {
    const p = last ? count - 1 - k : k
    const page = decodeRingBufferPage(pages.subarray(p * pageSize, (p + 1) * pageSize), layout.pageHeader, layout.eventHeader, layout.header.littleEndian)
    const events = page.events
    if (events.length > 0) return events[last ? events.length - 1 : 0]!.ts
  }
  return undefined
}

interface ChunkPlace {
  offset: number
  compressed: number
  size: number
}

const HEADER_WINDOW_BYTES = 1 << 20

/**
 * The first and last chunk of a CPU's compressed data, decompressed: the chunk headers are
 * walked through 1 MiB windows (many small chunks per read), only two chunks are inflated.
 */
async function chunkEnds(src: RandomAccessSource, layout: TraceDatLayout, cpu: CpuData): Promise<[Uint8Array, Uint8Array] | undefined> {
  const { header } = layout
  if (cpu.size === 0) return undefined
  let window = new ByteCursor(new Uint8Array(0), header.littleEndian, 0)
  const at = async (pos: number, what: string): Promise<ByteCursor> => {
    if (pos < window.fileOffset || pos + 8 > window.fileOffset + window.bytes.length) {
      window = await new SourceReader(src, header.littleEndian, pos).cursor(Math.min(HEADER_WINDOW_BYTES, Math.max(8, src.size - pos)), what)
    }
    window.pos = pos - window.fileOffset
    return window
  }
  const chunks = (await at(cpu.offset, 'chunk count')).u32('chunk count')
  let pos = cpu.offset + 4
  let first: ChunkPlace | undefined
  let last: ChunkPlace | undefined
  for (let i = 0; i < chunks; i++) {
    const c = await at(pos, 'chunk sizes')
    last = { offset: pos + 8, compressed: c.u32('compressed size'), size: c.u32('uncompressed size') }
    first ??= last
    pos = last.offset + last.compressed
  }
  if (first === undefined || last === undefined) return undefined
  const load = async (w: ChunkPlace) => decompressBlock(header.compression!.name, await src.read(w.offset, w.compressed), w.size)
  return [await load(first), await load(last)]
}

const SPAN_PAGES = 8

/**
 * First and last event time of each CPU without reading its data through: the first and the
 * last few pages (or chunks). A CPU whose data cannot be read here gets undefined times; the
 * event stream reports the damage.
 */
export async function cpuTimeSpans(src: RandomAccessSource, layout: TraceDatLayout, buffer: BufferData): Promise<CpuTimeSpan[]> {
  const spans: CpuTimeSpan[] = []
  const { pageSize } = buffer
  for (const cpu of buffer.cpus) {
    const span: CpuTimeSpan = { cpu: cpu.cpu, bytes: cpu.size, firstTs: undefined, lastTs: undefined }
    spans.push(span)
    try {
      if (buffer.compressed) {
        const ends = await chunkEnds(src, layout, cpu)
        if (ends === undefined) continue
        span.firstTs = edgeTs(layout, ends[0], pageSize, false)
        span.lastTs = edgeTs(layout, ends[1], pageSize, true)
      } else {
        const pages = Math.floor(cpu.size / pageSize)
        const n = Math.min(pages, SPAN_PAGES)
        span.firstTs = edgeTs(layout, await src.read(cpu.offset, n * pageSize), pageSize, false)
        span.lastTs = edgeTs(layout, await src.read(cpu.offset + (pages - n) * pageSize, n * pageSize), pageSize, true)
      }
    } catch {
      span.firstTs = span.lastTs = undefined
    }
  }
  return spans
}
