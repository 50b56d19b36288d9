// raw_syscalls:sys_enter `NR 0 (3, 7ffe3d6c6bf8, 340, 0, 0, 0)`, sys_exit `NR 0 = 832`;
// syscalls:sys_enter_NAME `fd: 0x00000003, buf: ...` and sys_exit_NAME `0x340` (hex, two's complement).
import { pushOrNull, type EventContext, type PayloadDecoder, type StackSlot } from './event-context.js'
import { parseDecimal, parseHexSigned64 } from './parse-number.js'
import type { PieceTables } from '../../tables/piece-tables.js'

function nrEnd(bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 4 || bytes[start] !== 0x4e || bytes[start + 1] !== 0x52 || bytes[start + 2] !== 0x20) return -1
  let i = start + 3
  if (i < end && bytes[i] === 0x2d) i++
  while (i < end && bytes[i] >= 0x30 && bytes[i] <= 0x39) i++
  return i
}

function row(out: PieceTables, ctx: EventContext, phase: string, nr: number, bytes: Uint8Array,
  nameStart: number, nameEnd: number, ret: number, argsStart: number, argsEnd: number): StackSlot {
  const c = out.table('syscall').col
  c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
  c.phase.push(phase)
  if (Number.isNaN(nr)) c.nr.pushNull()
  else c.nr.push(nr)
  if (nameStart < 0) c.name.pushNull()
  else c.name.pushBytes(bytes, nameStart, nameEnd)
  if (Number.isNaN(ret)) c.ret.pushNull()
  else c.ret.push(ret)
  if (argsStart < 0) c.args.pushNull()
  else c.args.pushBytes(bytes, argsStart, argsEnd)
  return c.stack_id
}

export const decodeRawSysEnter: PayloadDecoder = (out, ctx, _kv, bytes, start, end) => {
  const e = nrEnd(bytes, start, end)
  if (e < 0) return false
  const nr = parseDecimal(bytes, start + 3, e)
  if (Number.isNaN(nr)) return false
  let a = e
  while (a < end && bytes[a] === 0x20) a++
  let ae = end
  if (a < end && bytes[a] === 0x28 && bytes[end - 1] === 0x29) { a++; ae-- }
  return row(out, ctx, 'enter', nr, bytes, -1, -1, NaN, a < ae ? a : -1, ae)
}

export const decodeRawSysExit: PayloadDecoder = (out, ctx, _kv, bytes, start, end) => {
  const e = nrEnd(bytes, start, end)
  if (e < 0 || e + 3 > end || bytes[e] !== 0x20 || bytes[e + 1] !== 0x3d || bytes[e + 2] !== 0x20) return false
  const nr = parseDecimal(bytes, start + 3, e)
  const ret = parseDecimal(bytes, e + 3, end)
  if (Number.isNaN(nr) || Number.isNaN(ret)) return false
  return row(out, ctx, 'exit', nr, bytes, -1, -1, ret, -1, -1)
}

/** syscalls:sys_enter_NAME: the caller passes where NAME is in the event name. */
export function decodeNamedSysEnter(out: PieceTables, ctx: EventContext, bytes: Uint8Array, start: number, end: number,
  nameBytes: Uint8Array, nameStart: number, nameEnd: number): StackSlot {
  const c = out.table('syscall').col
  c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
  c.phase.push('enter'); c.nr.pushNull(); c.name.pushBytes(nameBytes, nameStart, nameEnd); c.ret.pushNull()
  if (end > start) c.args.pushBytes(bytes, start, end)
  else c.args.pushNull()
  return c.stack_id
}

export function decodeNamedSysExit(out: PieceTables, ctx: EventContext, bytes: Uint8Array, start: number, end: number,
  nameBytes: Uint8Array, nameStart: number, nameEnd: number): StackSlot {
  const ret = parseHexSigned64(bytes, start, end)
  if (Number.isNaN(ret)) return false
  const c = out.table('syscall').col
  c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
  c.phase.push('exit'); c.nr.pushNull(); c.name.pushBytes(nameBytes, nameStart, nameEnd); c.ret.push(ret)
  c.args.pushNull()
  return c.stack_id
}
