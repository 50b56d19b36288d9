// The ` => frame` lines under a `<stack trace>` / `<user stack trace>` event (options/stacktrace,
// the stacktrace trigger, kprobes), leaf first. Frames as the kernel prints them:
//   `func`, `func+0x1a/0x30` (sym-offset), `func <ffffffff81234567>` (sym-addr), `<00007f12...>`
// and as trace-cmd report does: `func (ffffffff81234567)`. Each distinct frame text is one `frame`
// row; the chain becomes `stack` nodes outermost first, so equal stacks share their nodes.
import type { PieceTables } from '../../tables/piece-tables.js'

/** The frame text of a ` => ...` line, as [start, end), or null when the line is not a frame. */
export function frameText(bytes: Uint8Array, start: number, end: number): [number, number] | null {
  let i = start
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++
  if (i + 2 > end || bytes[i] !== 0x3d || bytes[i + 1] !== 0x3e) return null
  i += 2
  while (i < end && bytes[i] === 0x20) i++
  let e = end
  while (e > i && (bytes[e - 1] === 0x20 || bytes[e - 1] === 0x0d)) e--
  return e > i ? [i, e] : null
}

const decoder = new TextDecoder()

/** Frame id (row of `frame`) of the frame text bytes[s, e), adding the row on first sight. */
export function frameId(out: PieceTables, bytes: Uint8Array, s: number, e: number): number {
  const id = out.frameKeys.internBytes(bytes, s, e)
  const f = out.table('frame')
  if (id < f.length) return id
  const text = decoder.decode(bytes.subarray(s, e))
  const m = /^([^\s+<(]*)(?:\+0x([0-9a-f]+)\/0x[0-9a-f]+)?\s*(?:[<(]([0-9a-f]+)[>)])?/.exec(text)!
  const c = f.col
  c.id.push(id)
  if (m[3] !== undefined) c.addr.pushBigInt(BigInt(`0x${m[3]}`))
  else c.addr.pushNull()
  c.symbol.push(m[1] === '' ? '[unknown]' : m[1])
  if (m[2] !== undefined) c.offset.push(parseInt(m[2], 16))
  else c.offset.pushNull()
  c.dso.pushNull()
  c.inlined.push(0)
  return id
}

/** The stack node of a chain of frame ids listed leaf first. */
export function stackOf(out: PieceTables, leafFirst: number[]): number {
  let node = -1
  for (let k = leafFirst.length - 1; k >= 0; k--) node = out.stackNodes.intern(node, leafFirst[k])
  return node
}
