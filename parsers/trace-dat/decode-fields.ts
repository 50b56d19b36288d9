import type { FieldFormat } from './event-format.js'

/**
 * A decoded field: integers as numbers, or bigint when they do not fit a double exactly
 * (|v| > 2^53 - 1, e.g. kernel pointers); char arrays and `__data_loc char[]` as strings;
 * other arrays as number[] (bigint[] when one 8-byte element does not fit a double).
 */
export type FieldValue = number | bigint | string | number[] | bigint[]

const TWO_32 = 4294967296
const utf8 = new TextDecoder('utf-8')

/** An integer of 1, 2, 4 or 8 bytes at `pos`. */
export function readInteger(view: DataView, pos: number, size: number, signed: boolean, littleEndian: boolean): number | bigint {
  switch (size) {
    case 1:
      return signed ? view.getInt8(pos) : view.getUint8(pos)
    case 2:
      return signed ? view.getInt16(pos, littleEndian) : view.getUint16(pos, littleEndian)
    case 4:
      return signed ? view.getInt32(pos, littleEndian) : view.getUint32(pos, littleEndian)
    case 8: {
      const lo = view.getUint32(littleEndian ? pos : pos + 4, littleEndian)
      const hi = littleEndian ? view.getUint32(pos + 4, true) : view.getUint32(pos, false)
      if (!signed) return hi < 0x200000 ? hi * TWO_32 + lo : view.getBigUint64(pos, littleEndian)
      const hiSigned = hi | 0
      return hiSigned < 0x200000 && hiSigned > -0x200000 ? hiSigned * TWO_32 + lo : view.getBigInt64(pos, littleEndian)
    }
    default:
      throw new Error(`integer of ${size} bytes`)
  }
}

/** Text up to the first NUL in [start, end): ASCII directly, anything else as UTF-8. */
export function readText(bytes: Uint8Array, start: number, end: number): string {
  let stop = start
  let ascii = true
  while (stop < end && bytes[stop] !== 0) {
    if (bytes[stop]! >= 0x80) ascii = false
    stop++
  }
  if (!ascii) return utf8.decode(bytes.subarray(start, stop))
  let s = ''
  for (let i = start; i < stop; i++) s += String.fromCharCode(bytes[i]!)
  return s
}

function readArray(view: DataView, pos: number, count: number, elementSize: number, signed: boolean, littleEndian: boolean): number[] | bigint[] {
  const size = elementSize === 1 || elementSize === 2 || elementSize === 4 || elementSize === 8 ? elementSize : 1
  const values: (number | bigint)[] = new Array(count)
  let big = false
  for (let i = 0; i < count; i++) {
    const v = readInteger(view, pos + i * size, size, signed, littleEndian)
    if (typeof v === 'bigint') big = true
    values[i] = v
  }
  if (!big) return values as number[]
  return values.map((v) => (typeof v === 'bigint' ? v : BigInt(v)))
}

/**
 * Decodes the fields of one record. `start`/`length` delimit the record (its common_* fields
 * included) inside `view`/`bytes`. A field that reaches past the record is left out.
 */
export function decodeFields(
  fields: readonly FieldFormat[],
  bytes: Uint8Array,
  view: DataView,
  start: number,
  length: number,
  littleEndian: boolean,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {}
  const end = start + length
  for (const f of fields) {
    const pos = start + f.offset
    if (f.offset + f.size > length) continue
    switch (f.kind) {
      case 'int':
        out[f.name] = readInteger(view, pos, f.size, f.signed, littleEndian)
        break
      case 'string':
        out[f.name] = readText(bytes, pos, pos + f.size)
        break
      case 'array':
        out[f.name] = readArray(view, pos, Math.floor(f.size / f.elementSize), f.elementSize, f.signed, littleEndian)
        break
      case 'tailString':
        out[f.name] = readText(bytes, pos, end)
        break
      case 'tail':
        out[f.name] = readArray(view, pos, Math.floor((end - pos) / f.elementSize), f.elementSize, f.signed, littleEndian)
        break
      case 'dynString':
      case 'dynArray': {
        const loc = f.size === 2 ? view.getUint16(pos, littleEndian) : view.getUint32(pos, littleEndian)
        const dataStart = start + (loc & 0xffff) + (f.relative ? f.offset + f.size : 0)
        // A 2-byte location (early kernels) has no length: the data runs to the record's end.
        const dataEnd = f.size === 2 ? end : Math.min(end, dataStart + (loc >>> 16))
        if (dataStart > end) continue
        out[f.name] = f.kind === 'dynString'
          ? readText(bytes, dataStart, dataEnd)
          : readArray(view, dataStart, Math.floor((dataEnd - dataStart) / f.elementSize), f.elementSize, f.signed, littleEndian)
        break
      }
    }
  }
  return out
}
