import { EventBuilder } from './build-event.js'
import { CpuCursor } from './cpu-cursor.js'
import { cpuLossStats } from './cpu-stats.js'
import { cpuTimeSpans } from './cpu-time-span.js'
import { chooseBuffer } from './choose-buffer.js'
import { readFileHeader } from './file-header.js'
import type { RandomAccessSource } from './random-access-source.js'
import { readLayoutV6 } from './sections-v6.js'
import { readLayoutV7 } from './sections-v7.js'
import { TraceDatError } from './trace-dat-error.js'
import type { TraceDatLayout } from './trace-dat-layout.js'
import type { TraceDatMeta, TraceDatRecord } from './trace-dat-records.js'

export interface ReadTraceDatOptions {
  /**
   * Instance to read ("" is the top-level buffer). Default: the top-level buffer when it holds
   * data, else the first instance that does (trace-cmd extract -B writes an empty top buffer).
   */
  buffer?: string
  /** Pages read per request for uncompressed data (default 16). */
  readAheadPages?: number
  /** Problems met while streaming (an event ID without a format). Default: ignored. */
  onWarning?: (message: string) => void
  /** Read the first and last pages of each CPU for meta.cpuData times (default true). */
  timeSpans?: boolean
  /** The file's layout, when the caller already read it (formats, kallsyms): not read twice. */
  layout?: TraceDatLayout
}

/** Everything but the events: header, formats, cmdlines, options, where each CPU's data is. */
export async function readTraceDatLayout(src: RandomAccessSource): Promise<TraceDatLayout> {
  const header = await readFileHeader(src)
  return header.version === 6 ? readLayoutV6(src, header) : readLayoutV7(src, header)
}

/** Earlier record first; on equal times the lower CPU first. */
function before(a: CpuCursor, b: CpuCursor): boolean {
  const ta = a.ts
  const tb = b.ts
  if (ta < tb) return true
  if (ta > tb) return false
  return a.cpu.cpu < b.cpu.cpu
}

function siftDown(heap: CpuCursor[], i: number): void {
  for (;;) {
    const l = 2 * i + 1
    const r = l + 1
    let m = i
    if (l < heap.length && before(heap[l]!, heap[m]!)) m = l
    if (r < heap.length && before(heap[r]!, heap[m]!)) m = r
    if (m === i) return
    ;[heap[i], heap[m]] = [heap[m]!, heap[i]!]
    i = m
  }
}

/**
 * Streams a trace.dat (v6 or v7, v7 compressed with zstd or zlib): first one `meta` record,
 * then the events and lost-events markers of all CPUs merged in time order, holding two read
 * blocks (or one decompressed chunk) per CPU. Damaged CPU data (a cut-off page, a bad chunk) ends that CPU's stream; the
 * other CPUs are read to their end, then the first TraceDatError is thrown.
 */
export async function* readTraceDat(src: RandomAccessSource, opts: ReadTraceDatOptions = {}): AsyncGenerator<TraceDatRecord> {
  for await (const records of readTraceDatBatches(src, opts)) yield* records
}

/** Records handed over per batch. */
const BATCH_RECORDS = 1024

/**
 * readTraceDat's records, a batch at a time (the meta record alone first). An async step per
 * record (a promise to advance, another to yield) cost more than building the record, and
 * made most of the transcoder's garbage.
 */
export async function* readTraceDatBatches(src: RandomAccessSource, opts: ReadTraceDatOptions = {}): AsyncGenerator<TraceDatRecord[]> {
  const layout = opts.layout ?? await readTraceDatLayout(src)
  const chosen = chooseBuffer(layout.buffers, opts.buffer)
  if (typeof chosen === 'string') throw new TraceDatError(chosen, 0, { file: src.name, found: layout.buffers.map((b) => JSON.stringify(b.name)).join(', ') || 'no buffers' })
  const { buffer } = chosen
  const stats = cpuLossStats(layout.cpuStats, buffer.name)
  const warnings = [...layout.warnings, ...chosen.warnings]
  const meta: TraceDatMeta = {
    kind: 'meta',
    file: src.name,
    version: layout.header.version,
    littleEndian: layout.header.littleEndian,
    longSize: layout.header.longSize,
    kernelLongSize: layout.pageHeader.commitSize,
    pageSize: buffer.pageSize,
    compression: layout.header.compression,
    clock: buffer.clock ?? layout.clock,
    buffer: buffer.name,
    buffers: layout.buffers.map((b) => b.name),
    cpus: layout.cpuCount ?? buffer.cpus.length,
    cpuData: (opts.timeSpans === false
      ? buffer.cpus.map((c) => ({ cpu: c.cpu, bytes: c.size, firstTs: undefined, lastTs: undefined }))
      : await cpuTimeSpans(src, layout, buffer)
    ).map((span) => ({ ...span, overrun: undefined, droppedEvents: undefined, ...stats.get(span.cpu) })),
    uname: layout.uname,
    traceCmdVersion: layout.traceCmdVersion,
    eventFormats: layout.formats.size,
    cmdlines: layout.cmdlines.size,
    warnings,
  }
  yield [meta]

  const builder = new EventBuilder(layout, opts.onWarning ?? (() => {}))
  const cursors = buffer.cpus.map((cpu) => new CpuCursor(src, layout, buffer, cpu, opts.readAheadPages ?? 16))
  await Promise.all(cursors.map((c) => c.loadPage()))
  const errors: TraceDatError[] = cursors.filter((c) => c.done && c.error).map((c) => c.error!)
  const heap = cursors.filter((c) => !c.done)
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(heap, i)
  let records: TraceDatRecord[] = []
  while (heap.length > 0) {
    const top = heap[0]!
    const page = top.page!
    if (top.atLost) records.push({ kind: 'lost', ts: top.ts, cpu: top.cpu.cpu, count: page.lost!.count })
    else records.push(builder.build(top.cpu.cpu, top.bytes, top.view, page.events[top.index]!))
    if (records.length >= BATCH_RECORDS) {
      yield records
      records = []
    }
    if (!top.step()) await top.loadPage()
    if (top.done) {
      if (top.error) errors.push(top.error)
      heap[0] = heap[heap.length - 1]!
      heap.pop()
    }
    if (heap.length > 0) siftDown(heap, 0)
  }
  if (records.length > 0) yield records
  if (errors.length > 0) {
    const first = errors[0]!
    if (errors.length > 1) first.message += ` (and ${errors.length - 1} more: ${errors.slice(1).map((e) => e.message).join('; ')})`
    throw first
  }
}
