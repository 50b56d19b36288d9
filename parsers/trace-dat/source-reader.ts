import { ByteCursor } from './byte-cursor.js'
import type { RandomAccessSource } from './random-access-source.js'
import { TraceDatError } from './trace-dat-error.js'

/** Walks a source front to back, handing out cursors over the parts it reads. */
export class SourceReader {
  constructor(readonly src: RandomAccessSource, readonly littleEndian: boolean, public pos: number) {}

  async cursor(length: number, what: string): Promise<ByteCursor> {
    const bytes = await this.src.read(this.pos, length)
    if (bytes.length < length) {
      const found = this.pos > this.src.size ? `end of file (the file has ${this.src.size} bytes)` : 'end of file'
      throw new TraceDatError(`${what} (${length} bytes)`, this.pos + bytes.length, { file: this.src.name, found })
    }
    const c = new ByteCursor(bytes, this.littleEndian, this.pos, this.src.name)
    this.pos += length
    return c
  }

  async u32(what: string): Promise<number> {
    return (await this.cursor(4, what)).u32(what)
  }

  async u64(what: string): Promise<number> {
    return (await this.cursor(8, what)).u64(what)
  }

  async cstring(what: string, maxLength = 4096): Promise<string> {
    const bytes = await this.src.read(this.pos, maxLength)
    const c = new ByteCursor(bytes, this.littleEndian, this.pos, this.src.name)
    const s = c.cstring(what)
    this.pos += c.pos
    return s
  }

  /** Checks a fixed NUL-terminated tag such as "header_page\0". */
  async expectTag(tag: string): Promise<void> {
    const at = this.pos
    const c = await this.cursor(tag.length + 1, `"${tag}\\0"`)
    const found = c.text(tag.length + 1, tag)
    if (found !== tag) throw new TraceDatError(`"${tag}\\0"`, at, { file: this.src.name, found: JSON.stringify(found) })
  }

  skip(length: number): void {
    this.pos += length
  }
}
