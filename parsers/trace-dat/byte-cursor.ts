import { TraceDatError } from './trace-dat-error.js'

const latin1 = new TextDecoder('latin1')

/**
 * Sequential reads over bytes already in memory, in the file's byte order. Every read names
 * what it expects, so running off the end becomes a TraceDatError at the right file offset.
 */
export class ByteCursor {
  pos = 0
  private readonly view: DataView

  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
    /** File offset of bytes[0]; for a decompressed section, the section's offset. */
    readonly fileOffset: number,
    readonly file?: string,
    /** Set for decompressed data, whose positions are not file positions. */
    readonly inside?: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get remaining(): number {
    return this.bytes.length - this.pos
  }

  error(expected: string, found?: string): TraceDatError {
    const offset = this.inside === undefined ? this.fileOffset + this.pos : this.fileOffset
    const where = this.inside === undefined ? expected : `${expected} (at byte ${this.pos} of ${this.inside})`
    return new TraceDatError(where, offset, { file: this.file, found })
  }

  private need(n: number, what: string): void {
    if (this.pos + n > this.bytes.length) throw this.error(`${what} (${n} bytes)`, `${this.remaining} bytes left`)
  }

  u8(what: string): number {
    this.need(1, what)
    return this.bytes[this.pos++]!
  }

  u16(what: string): number {
    this.need(2, what)
    const v = this.view.getUint16(this.pos, this.littleEndian)
    this.pos += 2
    return v
  }

  u32(what: string): number {
    this.need(4, what)
    const v = this.view.getUint32(this.pos, this.littleEndian)
    this.pos += 4
    return v
  }

  /** A u64 that must fit a double exactly (sizes, offsets). */
  u64(what: string): number {
    this.need(8, what)
    const v = this.view.getBigUint64(this.pos, this.littleEndian)
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw this.error(`${what} below 2^53`, String(v))
    this.pos += 8
    return Number(v)
  }

  take(n: number, what: string): Uint8Array {
    this.need(n, what)
    const out = this.bytes.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }

  /** A NUL-terminated string; the NUL is consumed. */
  cstring(what: string): string {
    const end = this.bytes.indexOf(0, this.pos)
    if (end < 0) throw this.error(`${what} (NUL-terminated string)`, 'no NUL before the end')
    const s = latin1.decode(this.bytes.subarray(this.pos, end))
    this.pos = end + 1
    return s
  }

  /** Text of exactly n bytes, without its trailing NULs. */
  text(n: number, what: string): string {
    return latin1.decode(this.take(n, what)).replace(/\0+$/, '')
  }
}
