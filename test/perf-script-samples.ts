// A second, deliberately independent reader for the fold tests (regular expressions over
// lines, nothing shared with parsers/perf-script): folding its records and folding the
// parser's tables must both give stackcollapse-perf.pl's output, and it keeps what the tables
// do not (whether an event line printed a timestamp, which the script's event filter looks at).
//
// Reads `perf script` text (samples with call chains) into FoldSample records: an event
// line `COMM [PID/]TID [CPU] TIME: [PERIOD] EVENT: [ARGS]`, then one line per frame
// `ADDR SYMBOL[+OFFSET] (DSO)`, then a blank line. `#` lines are header comments.
import type { FoldFrame, FoldSample } from '../analyses/fold/sample-record.js'

// The comm may hold spaces (`V8 WorkerThread`): it ends before the first number field.
const EVENT_LINE = /^(\S.*?)\s+(\d+)(?:\/(\d+))?\s+(.*)$/
const EVENT_REST = /^(?:\[\d+\]\s+)?(?:(\d+\.\d+):\s*)?(?:(\d+)(?:\s+|$))?(?:(\S+):(?:\s+(.*?))?)?\s*$/
const FRAME_LINE = /^\s*([0-9a-fA-F]+)\s+(.*?)\s*$/
const SYMBOL_OFFSET = /^(.*)\+(0x[0-9a-f]+)$/s

/** Samples in input order. A last sample with no blank line after it is kept. Throws on a line it cannot read. */
export function perfScriptSamples(text: string): FoldSample[] {
  const samples: FoldSample[] = []
  let open: FoldSample | null = null
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line.startsWith('#')) continue
    if (line === '') {
      if (open !== null) samples.push(open)
      open = null
      continue
    }
    // Old perf (3.x) printed frames at column 0, so an event line is told by its shape.
    const event = /^\s/.test(line) ? null : eventLine(line)
    if (event !== null) {
      if (open !== null) samples.push(open)
      open = event
      continue
    }
    const frame = frameLine(line)
    if (frame === null || open === null) {
      throw new Error(`perf script line ${i + 1}: expected ${open === null ? 'an event line' : 'a frame line'}, got "${line.slice(0, 120)}"`)
    }
    open.frames.push(frame)
  }
  if (open !== null) samples.push(open)
  return samples
}

function eventLine(line: string): FoldSample | null {
  const head = EVENT_LINE.exec(line)
  if (head === null) return null
  const rest = EVENT_REST.exec(head[4])
  if (rest === null) return null
  const first = Number(head[2])
  const second = head[3] === undefined ? null : Number(head[3])
  return {
    comm: head[1],
    pid: second === null ? null : first,
    tid: second === null ? first : second,
    event: rest[3] ?? null,
    period: rest[2] === undefined ? null : Number(rest[2]),
    args: rest[4] || null,
    ...(rest[1] === undefined ? { untimed: true } : {}),
    frames: [],
  }
}

function frameLine(line: string): FoldFrame | null {
  const m = FRAME_LINE.exec(line)
  if (m === null) return null
  let text = m[2]
  let dso: string | null = null
  // The dso is the last ` (...)`, as in the perf-script parser and the script; old perf
  // printed an empty symbol as `ADDR  (DSO)`.
  if (text.endsWith(')')) {
    const open = text.lastIndexOf(' (') + 1
    if (open > 0 || text.startsWith('(')) {
      dso = text.slice(open + 1, -1)
      text = text.slice(0, Math.max(0, open - 1))
    }
  }
  const inlined = dso === 'inlined'
  const split = SYMBOL_OFFSET.exec(text)
  return {
    addr: m[1],
    symbol: split === null ? text : split[1],
    offset: split === null ? null : split[2],
    dso: inlined ? null : dso,
    ...(inlined ? { inlined } : {}),
  }
}
