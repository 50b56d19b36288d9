import { ByteCursor } from './byte-cursor.js'
import { decompressBlock } from './decompress.js'
import type { FileHeader } from './file-header.js'
import { applyOption, newOptionPointers, OptionId } from './options.js'
import type { RandomAccessSource } from './random-access-source.js'
import { SourceReader } from './source-reader.js'
import { TraceDatError } from './trace-dat-error.js'
import { emptyLayout, parseCmdlines, readEventSystems, readFormatList, readHeaderInfo, type TraceDatLayout } from './trace-dat-layout.js'

const SECTION_HEADER_BYTES = 16
const FLAG_COMPRESSED = 1

interface SectionHeader {
  id: number
  flags: number
  size: number
}

/** <u16 id> <u16 flags> <u32 description string id> <u64 size> (the man page says u32; files have u64). */
async function readSectionHeader(src: RandomAccessSource, header: FileHeader, offset: number, what: string): Promise<SectionHeader> {
  const c = await new SourceReader(src, header.littleEndian, offset).cursor(SECTION_HEADER_BYTES, `${what} section header`)
  const id = c.u16('section id')
  const flags = c.u16('section flags')
  c.u32('section description')
  return { id, flags, size: c.u64('section size') }
}

/** One metadata section's data, decompressed when its flag says so. */
export async function readSection(src: RandomAccessSource, header: FileHeader, offset: number, id: number, what: string): Promise<ByteCursor> {
  const sh = await readSectionHeader(src, header, offset, what)
  if (sh.id !== id) throw new TraceDatError(`${what} section (id ${id})`, offset, { file: src.name, found: `section id ${sh.id}` })
  const body = await new SourceReader(src, header.littleEndian, offset + SECTION_HEADER_BYTES).cursor(sh.size, `${what} section data`)
  if (!(sh.flags & FLAG_COMPRESSED)) return body
  if (header.compression === undefined) throw new TraceDatError(`an uncompressed ${what} section (the file names no compression)`, offset, { file: src.name })
  const compressedSize = body.u32('compressed size')
  const size = body.u32('uncompressed size')
  const data = body.take(compressedSize, `${what} compressed data`)
  let out: Uint8Array
  try {
    out = decompressBlock(header.compression.name, data, size)
  } catch (e) {
    throw new TraceDatError(`${header.compression.name}-compressed ${what} section`, offset, { file: src.name, found: (e as Error).message })
  }
  return new ByteCursor(out, header.littleEndian, offset, src.name, `the decompressed ${what} section`)
}

/** Version 7: options sections chained from the header point at every other section. */
export async function readLayoutV7(src: RandomAccessSource, header: FileHeader): Promise<TraceDatLayout> {
  const layout = emptyLayout(header)
  const pointers = newOptionPointers()
  const visited = new Set<number>()
  for (let next = header.nextOffset; next !== 0 && !visited.has(next); next = pointers.nextOptions) {
    visited.add(next)
    pointers.nextOptions = 0
    const c = await readSection(src, header, next, 0, 'options')
    while (c.remaining > 0) {
      const id = c.u16('option id')
      const size = c.u32('option size')
      const data = c.take(size, `option ${id} data`)
      applyOption(layout, id, new ByteCursor(data, header.littleEndian, c.fileOffset + c.pos - size, src.name, c.inside), pointers)
      if (id === OptionId.Done) break
    }
  }
  const at = (id: OptionId, what: string): number => {
    const offset = pointers.sections.get(id)
    if (offset === undefined) throw new TraceDatError(`an option pointing at the ${what} section`, header.nextOffset, { file: src.name, found: 'none' })
    return offset
  }
  readHeaderInfo(await readSection(src, header, at(OptionId.HeaderInfo, 'header info'), OptionId.HeaderInfo, 'header info'), layout)
  if (pointers.sections.has(OptionId.FtraceEvents)) {
    readFormatList(await readSection(src, header, at(OptionId.FtraceEvents, 'ftrace events'), OptionId.FtraceEvents, 'ftrace events'), layout, 'ftrace')
  }
  readEventSystems(await readSection(src, header, at(OptionId.EventFormats, 'event formats'), OptionId.EventFormats, 'event formats'), layout)
  if (pointers.sections.has(OptionId.Cmdlines)) {
    const c = await readSection(src, header, at(OptionId.Cmdlines, 'saved cmdlines'), OptionId.Cmdlines, 'saved cmdlines')
    parseCmdlines(c.text(c.u64('saved cmdlines size'), 'saved cmdlines'), layout.cmdlines)
  }
  const kallsyms = pointers.sections.get(OptionId.Kallsyms)
  if (kallsyms !== undefined) layout.kallsyms = { offset: kallsyms, sectionId: OptionId.Kallsyms }
  const printk = pointers.sections.get(OptionId.Printk)
  if (printk !== undefined) layout.printk = { offset: printk, sectionId: OptionId.Printk }
  for (const buffer of layout.buffers) {
    if (buffer.sectionOffset === undefined) continue
    const sh = await readSectionHeader(src, header, buffer.sectionOffset, `buffer "${buffer.name}" flyrecord`)
    buffer.compressed = (sh.flags & FLAG_COMPRESSED) !== 0
  }
  return layout
}
