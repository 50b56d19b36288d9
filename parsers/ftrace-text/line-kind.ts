// A first look at a line, before the event-line parse: what cannot be an event.
export type LineKind = 'blank' | 'comment' | 'trace-cmd-header' | 'lost' | 'separator' | 'other'

const TRACE_CMD_HEADER = /^(?:version = \d+|cpus=\d+|CPU \d+ is empty)\s*$/

/** True when bytes[at..end) begins with the ASCII `word`. */
export function startsWith(bytes: Uint8Array, at: number, end: number, word: string): boolean {
  if (at + word.length > end) return false
  for (let k = 0; k < word.length; k++) if (bytes[at + k] !== word.charCodeAt(k)) return false
  return true
}

export function classifyLine(bytes: Uint8Array, start: number, end: number): LineKind {
  let i = start
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++
  if (i === end) return 'blank'
  const c = bytes[i]
  if (c === 0x23) return 'comment'
  if (c === 0x5b) return 'lost' // `[LOST 3 EVENTS]`
  if (startsWith(bytes, i, end, 'CPU:')) return 'lost'
  // trace-cmd's header: `version = 6`, `CPU 3 is empty`, `cpus=2` (comms start with these letters too)
  if (startsWith(bytes, i, end, 'version = ') || startsWith(bytes, i, end, 'CPU ') || startsWith(bytes, i, end, 'cpus=')) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset + i, Math.min(end - i, 40)).toString('latin1')
    return TRACE_CMD_HEADER.test(text) ? 'trace-cmd-header' : 'other'
  }
  if (c === 0x2d && end - i >= 10 && bytes[i + 9] === 0x2d) {
    for (let k = i; k < end; k++) if (bytes[k] !== 0x2d && bytes[k] !== 0x20) return 'other'
    return 'separator'
  }
  return 'other'
}
