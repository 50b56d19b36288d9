// Growable typed columns that parsers append to in their hot loops. They hold plain typed arrays
// so a finished piece can be handed to another thread by transfer (see piece-transfer.ts).
import { ByteInterner } from './byte-interner.js'
import { grown } from './grown.js'
import type { ColumnSpec } from './schema.js'

const INITIAL_ROWS = 4096

/** Null tracking shared by every column: a byte per row, allocated at the first null. */
class Validity {
  nulls = 0
  bytes: Uint8Array | null = null

  markNull(row: number, capacity: number): void {
    if (this.bytes === null) this.bytes = new Uint8Array(capacity).fill(1, 0, row)
    this.bytes[row] = 0
    this.nulls++
  }

  markValid(row: number): void {
    if (this.bytes !== null) this.bytes[row] = 1
  }

  reset(): void {
    this.nulls = 0
    this.bytes = null
  }

  grow(capacity: number): void {
    if (this.bytes === null) return
    const next = new Uint8Array(capacity)
    next.set(this.bytes)
    this.bytes = next
  }
}

/** Numbers: ts and i64 as exact doubles (< 2^53), i32, f64, bool as 0/1. */
export class NumberColumn {
  readonly validity = new Validity()
  length = 0
  values: Float64Array | Int32Array | Uint8Array

  constructor(readonly spec: ColumnSpec) {
    this.values = spec.type === 'i32' ? new Int32Array(INITIAL_ROWS)
      : spec.type === 'bool' ? new Uint8Array(INITIAL_ROWS)
        : new Float64Array(INITIAL_ROWS)
  }

  private room(): void {
    if (this.length < this.values.length) return
    this.values = grown(this.values, this.values.length * 2)
    this.validity.grow(this.values.length)
  }

  push(v: number): void {
    this.room()
    this.validity.markValid(this.length)
    this.values[this.length++] = v
  }

  pushNull(): void {
    this.room()
    this.validity.markNull(this.length, this.values.length)
    this.values[this.length++] = 0
  }

  /** Sets a row pushed earlier (a stack trace printed after its event gives the event's stack_id). */
  setAt(row: number, v: number): void {
    const bytes = this.validity.bytes
    if (bytes !== null && bytes[row] === 0) {
      bytes[row] = 1
      this.validity.nulls--
    }
    this.values[row] = v
  }
}

/** Counts the rows a piece gets, over all its tables, to number them in input order. */
export interface RowCounter {
  next: number
}

/**
 * The ts column numbers each row it gets in `seq`: every row pushes its ts exactly once.
 * Rows that are not events of their own (a parser's "task seen" notes) take the number of the
 * event that follows without using it up, so numbering does not depend on how input is cut.
 */
export class TimestampColumn extends NumberColumn {
  constructor(spec: ColumnSpec, private readonly seq: NumberColumn, private readonly counter: RowCounter, private readonly advances: boolean) {
    super(spec)
  }

  override push(v: number): void {
    super.push(v)
    this.seq.push(this.advances ? this.counter.next++ : this.counter.next)
  }

  override pushNull(): void {
    super.pushNull()
    this.seq.push(this.advances ? this.counter.next++ : this.counter.next)
  }
}

/** Unsigned 64-bit values (kernel pointers, pfns) as interleaved little-endian 32-bit halves. */
export class U64Column {
  readonly validity = new Validity()
  length = 0
  halves = new Uint32Array(INITIAL_ROWS * 2)

  constructor(readonly spec: ColumnSpec) {}

  private room(): void {
    if (this.length * 2 < this.halves.length) return
    this.halves = grown(this.halves, this.halves.length * 2)
    this.validity.grow(this.halves.length / 2)
  }

  pushHalves(lo: number, hi: number): void {
    this.room()
    this.validity.markValid(this.length)
    this.halves[this.length * 2] = lo
    this.halves[this.length * 2 + 1] = hi
    this.length++
  }

  /** Hex digits in bytes[start, end), with or without a 0x prefix. Returns false on a non-hex byte. */
  pushHex(bytes: Uint8Array, start: number, end: number): boolean {
    if (end - start > 2 && bytes[start] === 0x30 && (bytes[start + 1] | 0x20) === 0x78) start += 2
    if (end - start > 16 || end <= start) return false
    let lo = 0
    let hi = 0
    for (let i = start; i < end; i++) {
      const d = hexDigit(bytes[i])
      if (d < 0) return false
      hi = ((hi << 4) | (lo >>> 28)) >>> 0
      lo = ((lo << 4) | d) >>> 0
    }
    this.pushHalves(lo, hi)
    return true
  }

  pushBigInt(v: bigint): void {
    this.pushHalves(Number(v & 0xffffffffn), Number((v >> 32n) & 0xffffffffn))
  }

  pushNumber(v: number): void {
    this.pushHalves(v >>> 0, Math.floor(v / 4294967296) >>> 0)
  }

  pushNull(): void {
    this.room()
    this.validity.markNull(this.length, this.halves.length / 2)
    this.halves[this.length * 2] = 0
    this.halves[this.length * 2 + 1] = 0
    this.length++
  }
}

export function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30
  const l = c | 0x20
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10
  return -1
}

/** Repeated strings as indices into a piece-local dictionary. */
export class DictColumn {
  readonly validity = new Validity()
  length = 0
  indices = new Int32Array(INITIAL_ROWS)

  constructor(readonly spec: ColumnSpec, readonly dictionary: ByteInterner = new ByteInterner()) {}

  private room(): void {
    if (this.length < this.indices.length) return
    this.indices = grown(this.indices, this.indices.length * 2)
    this.validity.grow(this.indices.length)
  }

  pushId(id: number): void {
    this.room()
    this.validity.markValid(this.length)
    this.indices[this.length++] = id
  }

  push(s: string): void {
    this.pushId(this.dictionary.internString(s))
  }

  pushBytes(bytes: Uint8Array, start: number, end: number): void {
    this.pushId(this.dictionary.internBytes(bytes, start, end))
  }

  pushNull(): void {
    this.room()
    this.validity.markNull(this.length, this.indices.length)
    this.indices[this.length++] = 0
  }
}

const encoder = new TextEncoder()

/** Free text, stored as Arrow stores Utf8: one byte buffer plus offsets. */
export class Utf8Column {
  readonly validity = new Validity()
  length = 0
  offsets = new Int32Array(INITIAL_ROWS + 1)
  bytes = new Uint8Array(INITIAL_ROWS * 16)

  constructor(readonly spec: ColumnSpec) {}

  private room(extraBytes: number): void {
    if (this.length + 1 >= this.offsets.length) {
      this.offsets = grown(this.offsets, this.offsets.length * 2)
      this.validity.grow(this.offsets.length - 1)
    }
    const need = this.offsets[this.length] + extraBytes
    if (need > this.bytes.length) this.bytes = grown(this.bytes, Math.max(need, this.bytes.length * 2))
  }

  pushBytes(src: Uint8Array, start: number, end: number): void {
    this.room(end - start)
    const at = this.offsets[this.length]
    this.bytes.set(src.subarray(start, end), at)
    this.validity.markValid(this.length)
    this.offsets[++this.length] = at + (end - start)
  }

  push(s: string): void {
    const max = s.length * 3
    this.room(max)
    const at = this.offsets[this.length]
    const { written } = encoder.encodeInto(s, this.bytes.subarray(at, at + max))
    this.validity.markValid(this.length)
    this.offsets[++this.length] = at + written
  }

  pushNull(): void {
    this.room(0)
    this.validity.markNull(this.length, this.offsets.length - 1)
    this.offsets[this.length + 1] = this.offsets[this.length]
    this.length++
  }
}

export type ColumnBuilder = NumberColumn | U64Column | DictColumn | Utf8Column

/** Empty again, keeping the grown arrays (their contents were copied out by pieceResult). */
export function resetColumn(c: ColumnBuilder): void {
  c.length = 0
  c.validity.reset()
  if (c instanceof DictColumn) c.dictionary.reset()
}

export function columnBuilder(spec: ColumnSpec): ColumnBuilder {
  switch (spec.type) {
    case 'u64': return new U64Column(spec)
    case 'dict': return new DictColumn(spec)
    case 'utf8': return new Utf8Column(spec)
    default: return new NumberColumn(spec)
  }
}
