// bprint arguments laid out by hand the way the kernel's binary printf stores them; expected
// strings are what C printf gives for the same format and values.
import { describe, expect, it } from 'vitest'
import { formatBprint, unescapeC } from './format-bprint.js'

/** Little-endian buffer builder with explicit alignment, as the kernel writes the arguments. */
function args(parts: (['u8' | 'u16' | 'u32' | 'u64', number | bigint] | ['str', string])[]): Uint8Array {
  const bytes = new Uint8Array(256)
  const view = new DataView(bytes.buffer)
  let pos = 0
  for (const [kind, value] of parts) {
    if (kind === 'str') {
      bytes.set(Buffer.from(`${value}\0`), pos)
      pos += Buffer.byteLength(value as string) + 1
    } else if (kind === 'u64') {
      pos = (pos + 3) & ~3 // 8-byte arguments are aligned to 4
      view.setBigUint64(pos, BigInt(value), true)
      pos += 8
    } else {
      const size = { u8: 1, u16: 2, u32: 4 }[kind]
      pos = (pos + size - 1) & ~(size - 1)
      if (size === 1) view.setUint8(pos, Number(value))
      else if (size === 2) view.setUint16(pos, Number(value), true)
      else view.setUint32(pos, Number(value) >>> 0, true)
      pos += size
    }
  }
  return bytes.subarray(0, (pos + 3) & ~3)
}

const LE64 = { longSize: 8, littleEndian: true }

describe('formatBprint', () => {
  it('reads ints, negative ints, strings inline and 8-byte values aligned to 4', () => {
    const buf = args([['u32', -5], ['str', 'abc'], ['u64', 2n ** 40n + 7n], ['u32', 0xbeef]])
    expect(formatBprint('a=%d s=%s big=%llu h=%x\\n', buf, LE64)).toBe('a=-5 s=abc big=1099511627783 h=beef\n')
  })

  it('honours widths, precision, flags, * widths, %c and %%', () => {
    const buf = args([['u32', 42], ['u32', 7], ['u32', 3], ['u32', 255], ['u8', 0x41], ['str', 'xy'], ['u32', 8], ['u32', 9]])
    expect(formatBprint('[%5d][%-3u|][%.3d][%#x][%c][%-4s][%0*d] 100%%', buf, LE64)).toBe('[   42][7  |][003][0xff][A][xy  ][00000009] 100%')
  })

  it('uses the kernel long size for %ld and pointers, and symbolizes %pS / %ps', () => {
    const buf = args([['u64', -2n & (2n ** 64n - 1n)], ['u64', 0xffffffff81000010n], ['u64', 0xffffffff81000010n]])
    const symbolize = (a: bigint) => (a >= 0xffffffff81000000n ? { name: 'do_thing', offset: Number(a - 0xffffffff81000000n) } : undefined)
    expect(formatBprint('%ld %pS %ps', buf, { ...LE64, symbolize })).toBe('-2 do_thing+0x10 do_thing')
    const buf32 = args([['u32', -2], ['u32', 0xc0001000]])
    expect(formatBprint('%ld %p', buf32, { longSize: 4, littleEndian: true })).toBe('-2 0xc0001000')
  })

  it('unescapes printk_formats text', () => {
    expect(unescapeC('a\\tb\\n\\"q\\"\\\\')).toBe('a\tb\n"q"\\')
  })
})
