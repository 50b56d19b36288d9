// Lines that report lost events instead of an event:
//   kernel (trace, trace_pipe):  `CPU:1 [LOST 36123 EVENTS]`, `CPU:1 [LOST EVENTS]` (count unknown)
//   trace-cmd report:            `CPU:7 [204600 EVENTS DROPPED]`, `CPU:7 [EVENTS DROPPED]`
//   without the CPU prefix:      `[LOST 123 EVENTS]`
// The kernel prints it just before the next event of that CPU, whose time is when the loss was seen.
import { startsWith } from './line-kind.js'

export interface LostLine {
  /** -1 when not printed */
  cpu: number
  /** NaN when the source only says that events were lost */
  count: number
}

const CPU = 'CPU:'

/** Reads a lost-events line at bytes[start, end) into `out`; false when it is not one. */
export function parseLostLine(bytes: Uint8Array, start: number, end: number, out: LostLine): boolean {
  let i = start
  while (i < end && bytes[i] === 0x20) i++
  if (bytes[i] !== 0x43 && bytes[i] !== 0x5b) return false
  out.cpu = -1
  if (startsWith(bytes, i, end, CPU)) {
    i += CPU.length
    let cpu = 0
    const s = i
    while (i < end && bytes[i] >= 0x30 && bytes[i] <= 0x39) cpu = cpu * 10 + bytes[i++] - 0x30
    if (i === s || bytes[i] !== 0x20) return false
    out.cpu = cpu
    i++
  }
  const text = String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 48))).trimEnd()
  const m = /^\[(?:LOST (\d+) EVENTS|LOST EVENTS|(\d+) EVENTS DROPPED|EVENTS DROPPED)\]$/.exec(text)
  if (m === null) return false
  const n = m[1] ?? m[2]
  out.count = n === undefined ? NaN : Number(n)
  return true
}
