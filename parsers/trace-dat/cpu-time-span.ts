import { decompressBlock } from './decompress.js'
import { decodeRingBufferPage } from './ring-buffer-page.js'
import type { RandomAccessSource } from './random-access-source.js'
import { SourceReader } from './source-reader.js'
import type { BufferData, CpuData, TraceDatLayout } from './trace-dat-layout.js'
import type { TraceDatCpuSpan } from './trace-dat-records.js'

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

/** The pages of each compressed chunk, first and last: walks the chunk headers, decompresses two. */
async function chunkEnds(src: RandomAccessSource, layout: TraceDatLayout, cpu: CpuData): Promise<[Uint8Array, Uint8Array] | undefined> {
  const { header } = layout
  const r = new SourceReader(src, header.littleEndian, cpu.offset)
  const chunks = await r.u32('chunk count')
  const where: { offset: number; compressed: number; size: number }[] = []
  for (let i = 0; i < chunks; i++) {
    const sizes = await r.cursor(8, 'chunk sizes')
    const compressed = sizes.u32('compressed size')
    where.push({ offset: r.pos, compressed, size: sizes.u32('uncompressed size') })
    r.skip(compressed)
  }
  if (where.length === 0) return undefined
  const load = async (w: { offset: number; compressed: number; size: number }) =>
    decompressBlock(header.compression!.name, await src.read(w.offset, w.compressed), w.size)
  return [await load(where[0]!), await load(where[where.length - 1]!)]
}

const SPAN_PAGES = 8

/**
 * First and last event time of each CPU without reading its data through: the first and the
 * last few pages (or chunks). A CPU whose data cannot be read here gets undefined times; the
 * event stream reports the damage.
 */
export async function cpuTimeSpans(src: RandomAccessSource, layout: TraceDatLayout, buffer: BufferData): Promise<TraceDatCpuSpan[]> {
  const spans: TraceDatCpuSpan[] = []
  const { pageSize } = buffer
  for (const cpu of buffer.cpus) {
    const span: TraceDatCpuSpan = { cpu: cpu.cpu, bytes: cpu.size, firstTs: undefined, lastTs: undefined }
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
