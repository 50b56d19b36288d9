import type { FileHeader } from './file-header.js'
import { applyOption, newOptionPointers } from './options.js'
import type { RandomAccessSource } from './random-access-source.js'
import { SourceReader } from './source-reader.js'
import { TraceDatError } from './trace-dat-error.js'
import {
  emptyLayout,
  parseCmdlines,
  readEventSystems,
  readFormatList,
  readHeaderInfo,
  selectedClock,
  type TraceDatLayout,
} from './trace-dat-layout.js'

/**
 * Version 6: the parts follow each other in a fixed order (trace-cmd.dat.v6(5)); kallsyms and
 * printk formats are skipped by their sizes, never read.
 */
export async function readLayoutV6(src: RandomAccessSource, header: FileHeader): Promise<TraceDatLayout> {
  const layout = emptyLayout(header)
  const r = new SourceReader(src, header.littleEndian, header.nextOffset)

  // header_page / header_event: read the two tagged texts with their sizes.
  const pageStart = r.pos
  await r.expectTag('header_page')
  const pageSize = await r.u64('header_page size')
  r.skip(pageSize)
  await r.expectTag('header_event')
  const eventSize = await r.u64('header_event size')
  r.skip(eventSize)
  const info = new SourceReader(src, header.littleEndian, pageStart)
  readHeaderInfo(await info.cursor(r.pos - pageStart, 'header_page and header_event'), layout)

  const ftraceStart = r.pos
  const ftraceCount = await r.u32('number of ftrace event formats')
  for (let i = 0; i < ftraceCount; i++) r.skip(await r.u64(`size of ftrace event format ${i}`))
  const ftrace = new SourceReader(src, header.littleEndian, ftraceStart)
  readFormatList(await ftrace.cursor(r.pos - ftraceStart, 'ftrace event formats'), layout, 'ftrace')

  const systemsStart = r.pos
  const systems = await r.u32('number of event systems')
  for (let s = 0; s < systems; s++) {
    await r.cstring(`event system ${s} name`)
    const count = await r.u32(`number of events in system ${s}`)
    for (let i = 0; i < count; i++) r.skip(await r.u64(`size of event format ${i} of system ${s}`))
  }
  const events = new SourceReader(src, header.littleEndian, systemsStart)
  readEventSystems(await events.cursor(r.pos - systemsStart, 'event formats'), layout)

  layout.kallsyms = { offset: r.pos, sectionId: undefined }
  r.skip(await r.u32('kallsyms size'))
  layout.printk = { offset: r.pos, sectionId: undefined }
  r.skip(await r.u32('trace_printk formats size'))
  const cmdlinesSize = await r.u64('saved cmdlines size')
  parseCmdlines((await r.cursor(cmdlinesSize, 'saved cmdlines')).text(cmdlinesSize, 'saved cmdlines'), layout.cmdlines)

  const cpus = await r.u32('number of CPUs')
  const pointers = newOptionPointers()
  for (;;) {
    const tagAt = r.pos
    const tag = (await r.cursor(10, '"options  ", "latency  " or "flyrecord"')).text(10, 'data kind').trimEnd()
    if (tag === 'options') {
      for (;;) {
        const id = (await r.cursor(2, 'option id')).u16('option id')
        if (id === 0) break
        const size = await r.u32('option size')
        applyOption(layout, id, await r.cursor(size, `option ${id} data`), pointers)
      }
      continue
    }
    if (tag === 'flyrecord') break
    if (tag === 'latency') throw new TraceDatError('flyrecord data (latency-tracer text is not read)', tagAt, { file: src.name, found: '"latency"' })
    throw new TraceDatError('"options  ", "latency  " or "flyrecord"', tagAt, { file: src.name, found: JSON.stringify(tag) })
  }
  const top = await readFlyrecordTable(r, cpus, src)
  layout.clock ??= top.clock
  layout.buffers.push({ name: '', clock: layout.clock, pageSize: header.pageSize, compressed: false, cpus: top.cpus })
  // Each instance has the same "flyrecord" part where its BUFFER option points.
  for (const { name, offset } of pointers.v6Buffers) {
    const ir = new SourceReader(src, header.littleEndian, offset)
    await ir.expectTag('flyrecord')
    const instance = await readFlyrecordTable(ir, cpus, src)
    layout.buffers.push({ name, clock: instance.clock, pageSize: header.pageSize, compressed: false, cpus: instance.cpus })
  }
  return layout
}

/**
 * After "flyrecord\0": per CPU <u64 offset> <u64 size>, then (trace-cmd, marked by an empty
 * TRACECLOCK option; not in the v6 man page) the trace_clock text as <u64 size> <text>.
 */
async function readFlyrecordTable(r: SourceReader, cpus: number, src: RandomAccessSource) {
  const table = await r.cursor(16 * cpus, 'per-CPU data offsets and sizes')
  const cpuData = []
  for (let cpu = 0; cpu < cpus; cpu++) {
    cpuData.push({ cpu, offset: table.u64(`CPU ${cpu} data offset`), size: table.u64(`CPU ${cpu} data size`) })
  }
  let clock: string | undefined
  if (r.pos + 8 <= src.size) {
    const size = await r.u64('trace_clock text size').catch(() => Infinity)
    if (size > 0 && size <= 4096 && r.pos + size <= src.size) clock = selectedClock((await r.cursor(size, 'trace_clock text')).text(size, 'trace_clock text'))
  }
  return { cpus: cpuData, clock }
}
