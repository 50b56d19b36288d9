// A first look at a line, before the event-line parse: what cannot be an event.
export type LineKind = 'blank' | 'comment' | 'trace-cmd-header' | 'lost' | 'separator' | 'other'

const TRACE_CMD_HEADER = /^(?:version = \d+|cpus=\d+|CPU \d+ is empty)\s*$/

export function classifyLine(bytes: Uint8Array, start: number, end: number): LineKind {
  let i = start
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++
  if (i === end) return 'blank'
  const c = bytes[i]
  if (c === 0x23) return 'comment'
  // `CPU:1 [LOST ...]` / `[LOST ...]`; `CPU 3 is empty`, `cpus=2`, `version = 6` from trace-cmd
  if (c === 0x43 || c === 0x63 || c === 0x76) {
    if (bytes[i + 3] === 0x3a && c === 0x43) return 'lost'
    if (TRACE_CMD_HEADER.test(Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(end - i, 40)).toString('latin1'))) return 'trace-cmd-header'
    return 'other'
  }
  if (c === 0x5b) return 'lost'
  if (c === 0x2d && end - i >= 10 && bytes[i + 9] === 0x2d) {
    for (let k = i; k < end; k++) if (bytes[k] !== 0x2d && bytes[k] !== 0x20) return 'other'
    return 'separator'
  }
  return 'other'
}
