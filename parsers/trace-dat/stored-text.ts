import type { RandomAccessSource } from './random-access-source.js'
import { readSection } from './sections-v7.js'
import { SourceReader } from './source-reader.js'
import type { StoredText, TraceDatLayout } from './trace-dat-layout.js'

/** Reads a <u32 size><text> part (kallsyms, printk formats) where the layout says it is. */
export async function readStoredText(src: RandomAccessSource, layout: TraceDatLayout, where: StoredText, what: string): Promise<string> {
  const { header } = layout
  if (where.sectionId !== undefined) {
    const c = await readSection(src, header, where.offset, where.sectionId, what)
    return c.text(c.u32(`${what} size`), what)
  }
  const r = new SourceReader(src, header.littleEndian, where.offset)
  const size = await r.u32(`${what} size`)
  return (await r.cursor(size, what)).text(size, what)
}
