// The message of a trace_printk() event (ftrace `bprint`): the format string lives in the
// file's printk formats (the event carries its address in `fmt`), the arguments in `buf` in the
// kernel's binary printf layout: each argument stored at its own size and aligned to it, except
// 8-byte ones which are aligned to 4; %s strings inline with their NUL; `*` widths as ints.
import type { TraceDatEvent } from './trace-dat-records.js'

export interface BprintOptions {
  /** The traced kernel's long size (meta.kernelLongSize). */
  longSize: number
  littleEndian: boolean
  /** For %pS / %ps arguments; without it pointers print as 0x<hex>. */
  symbolize?: (address: bigint) => { name: string; offset: number } | undefined
}

/** C escapes as printk_formats shows them (`\n`, `\t`, `\"`, `\\`). */
export function unescapeC(text: string): string {
  return text.replace(/\\([ntr"\\])/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' })[c]!)
}

const SPEC = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?(hh|h|ll|l|z|j|t|L)?([diouxXcsp%])([SsFfBKx])?/g

class ArgReader {
  pos = 0
  private readonly view: DataView
  constructor(private readonly bytes: Uint8Array, private readonly le: boolean) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  int(size: number, signed: boolean): bigint {
    this.pos = size === 8 ? (this.pos + 3) & ~3 : (this.pos + size - 1) & ~(size - 1)
    if (this.pos + size > this.bytes.length) return 0n
    const v = this.view
    const at = this.pos
    this.pos += size
    if (size === 1) return BigInt(signed ? v.getInt8(at) : v.getUint8(at))
    if (size === 2) return BigInt(signed ? v.getInt16(at, this.le) : v.getUint16(at, this.le))
    if (size === 4) return BigInt(signed ? v.getInt32(at, this.le) : v.getUint32(at, this.le))
    return signed ? v.getBigInt64(at, this.le) : v.getBigUint64(at, this.le)
  }

  string(): string {
    const end = this.bytes.indexOf(0, this.pos)
    const stop = end < 0 ? this.bytes.length : end
    const s = Buffer.from(this.bytes.subarray(this.pos, stop)).toString('utf8')
    this.pos = stop + 1
    return s
  }
}

function pad(text: string, flags: string, width: number, numeric: boolean): string {
  if (text.length >= width) return text
  if (flags.includes('-')) return text.padEnd(width)
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]|^0[xX]/.exec(text)?.[0] ?? ''
    return sign + text.slice(sign.length).padStart(width - sign.length, '0')
  }
  return text.padStart(width)
}

/** Formats a bprint event's message. `fmt` is the printk format text as stored (escaped). */
export function formatBprint(fmt: string, buf: Uint8Array, opts: BprintOptions): string {
  const args = new ArgReader(buf, opts.littleEndian)
  const sizes: Record<string, number> = { hh: 1, h: 2, '': 4, l: opts.longSize, ll: 8, z: opts.longSize, j: 8, t: opts.longSize, L: 8 }
  return unescapeC(fmt).replace(SPEC, (whole, flags: string, widthSpec?: string, precisionSpec?: string, length = '', conversion = '', ext?: string) => {
    if (conversion === '%') return '%'
    const width = widthSpec === '*' ? Number(args.int(4, true)) : Number(widthSpec ?? 0)
    const precision = precisionSpec === '*' ? Number(args.int(4, true)) : precisionSpec === undefined ? undefined : Number(precisionSpec)
    let text: string
    if (conversion === 's') {
      text = args.string()
      if (precision !== undefined) text = text.slice(0, precision)
      return pad(text, flags, width, false) + (ext ?? '')
    }
    if (conversion === 'p') {
      const address = args.int(opts.longSize, false)
      const symbol = ext !== undefined && /[SsFfB]/.test(ext) ? opts.symbolize?.(address) : undefined
      if (symbol) text = /[SFB]/.test(ext!) ? `${symbol.name}+0x${symbol.offset.toString(16)}` : symbol.name
      else text = `0x${address.toString(16)}${ext !== undefined && !/[SsFfBKx]/.test(ext) ? ext : ''}`
      return pad(text, flags, width, false)
    }
    const size = conversion === 'c' ? 1 : sizes[length]!
    const signed = conversion === 'd' || conversion === 'i'
    const value = args.int(size, signed)
    if (conversion === 'c') text = String.fromCharCode(Number(value))
    else {
      const radix = conversion === 'o' ? 8 : conversion === 'x' || conversion === 'X' ? 16 : 10
      let digits = (value < 0n ? -value : value).toString(radix)
      if (conversion === 'X') digits = digits.toUpperCase()
      if (precision !== undefined) digits = digits.padStart(precision, '0')
      const prefix = flags.includes('#') && value !== 0n ? (radix === 16 ? (conversion === 'X' ? '0X' : '0x') : radix === 8 ? '0' : '') : ''
      const sign = value < 0n ? '-' : signed && flags.includes('+') ? '+' : signed && flags.includes(' ') ? ' ' : ''
      text = sign + prefix + digits
    }
    return pad(text, flags, width, true) + (ext ?? '')
  })
}

/**
 * The message of a bprint event, or undefined when its format is not among `printk`
 * (readPrintkFormats). The text is as the kernel formats it, trailing newline included.
 */
export function bprintMessage(e: TraceDatEvent, printk: Map<bigint, string>, opts: BprintOptions): string | undefined {
  const { fmt, buf } = e.fields
  const format = typeof fmt === 'number' || typeof fmt === 'bigint' ? printk.get(BigInt(fmt)) : undefined
  if (format === undefined) return undefined
  // buf was decoded as u32 words: back to the bytes the kernel wrote.
  const words = Array.isArray(buf) ? buf : []
  const bytes = new Uint8Array(words.length * 4)
  const view = new DataView(bytes.buffer)
  words.forEach((w, i) => view.setUint32(i * 4, Number(w), opts.littleEndian))
  return formatBprint(format, bytes, opts)
}
