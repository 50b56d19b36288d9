// One callchain line of `perf script`: `\t    ffffffff8110cc73 do_syscall_64+0x5b ([kernel.kallsyms])`.
// The address, the symbol's +0x offset and the (dso) are each optional (-F ip,sym,symoff,dso);
// symbols may hold spaces and parentheses (C++, Java, V8), so the dso is the last balanced ` (...)`;
// perf prints an inlined frame as `addr sym (inlined)`, without dso.
import { hexDigit } from '../../tables/column-builders.js'
import type { PieceTables } from '../../tables/piece-tables.js'

const INLINED = new TextEncoder().encode(' (inlined)')

/** Does bytes[s, e) end with ` (inlined)`? */
export function endsWithInlined(b: Uint8Array, s: number, e: number): boolean {
  if (e - s < INLINED.length) return false
  for (let k = 0; k < INLINED.length; k++) if (b[e - INLINED.length + k] !== INLINED[k]) return false
  return true
}

/** Length of the hex token at s, if it is followed by a space or the end; else 0. */
export function hexTokenLength(b: Uint8Array, s: number, e: number): number {
  let i = s
  while (i < e && hexDigit(b[i]) >= 0) i++
  return i > s && (i === e || b[i] === 0x20) ? i - s : 0
}

/**
 * Writes the `frame` row for the frame text bytes[s, e) (first non-blank byte to the trimmed end).
 * Returns false when the line has neither an address nor a (dso): not a frame perf prints.
 */
export function pushFrameRow(out: PieceTables, id: number, b: Uint8Array, s: number, e: number): boolean {
  const f = out.table('frame').col
  f.id.push(id)
  const addrLen = hexTokenLength(b, s, e)
  let i = s
  if (addrLen > 0 && addrLen <= 16) {
    f.addr.pushHex(b, s, s + addrLen)
    i = s + addrLen
    while (i < e && b[i] === 0x20) i++
  } else {
    f.addr.pushNull()
  }
  let symEnd = e
  const inlined = endsWithInlined(b, i, e)
  if (inlined) symEnd -= INLINED.length
  let dsoStart = -1
  if (symEnd > i && b[symEnd - 1] === 0x29) {
    // balanced, as a deleted file's dso is `(/memfd:x (deleted))`
    let depth = 0
    for (let k = symEnd - 1; k >= i; k--) {
      if (b[k] === 0x29) depth++
      else if (b[k] === 0x28 && --depth === 0) {
        if (k === i || b[k - 1] === 0x20) dsoStart = k
        break
      }
    }
  }
  if (dsoStart >= 0) {
    f.dso.pushBytes(b, dsoStart + 1, symEnd - 1)
    symEnd = dsoStart
  } else {
    f.dso.pushNull()
  }
  while (symEnd > i && b[symEnd - 1] === 0x20) symEnd--
  // +0x.. offset at the end of the symbol
  let plus = symEnd - 1
  while (plus > i && hexDigit(b[plus]) >= 0) plus--
  if (plus > i + 2 && b[plus] === 0x78 && b[plus - 1] === 0x30 && b[plus - 2] === 0x2b && plus < symEnd - 1) {
    let off = 0
    for (let k = plus + 1; k < symEnd; k++) off = off * 16 + hexDigit(b[k])
    f.offset.push(off)
    symEnd = plus - 2
  } else {
    f.offset.pushNull()
  }
  f.symbol.pushBytes(b, i, symEnd)
  f.inlined.push(inlined ? 1 : 0)
  return addrLen > 0 || dsoStart >= 0
}
