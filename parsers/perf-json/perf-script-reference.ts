// For the tests: the reference side (perf script text, read on its own terms) and the rows a
// parse produced, in one shape, so the two can be compared sample by sample.
import type { PieceTables } from '../../tables/piece-tables.js'

export interface CallchainFrame {
  /** hex digits as perf script prints them (map-relative for user code, absolute for the kernel) */
  ip: string
  symbol: string
  dso: string
}

export interface ReferenceSample {
  comm: string
  pid: number
  tid: number
  cpu: number
  tsNs: number
  event: string
  /** leaf first */
  frames: CallchainFrame[]
}

const HEADER = /^\s*(.*?)\s+(-?\d+)\/(-?\d+)\s+\[(\d+)\]\s+(\d+)\.(\d{9}):\s+(\S+):\s*(.*)$/
const FRAME = /^\s*([0-9a-f]+)\s+(.*\))$/

/** `perf script -F comm,pid,tid,cpu,time,event,ip,sym,dso --ns` output. */
export function readPerfScriptReference(text: string): ReferenceSample[] {
  const samples: ReferenceSample[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    const h = line.startsWith('\t') ? null : HEADER.exec(line)
    if (h !== null) {
      const [, comm, pid, tid, cpu, sec, ns, event, rest] = h
      const sample = { comm, pid: Number(pid), tid: Number(tid), cpu: Number(cpu), tsNs: Number(sec) * 1e9 + Number(ns), event, frames: [] as CallchainFrame[] }
      if (rest.trim() !== '') sample.frames.push(frameOf(rest))
      samples.push(sample)
    } else {
      samples[samples.length - 1].frames.push(frameOf(line))
    }
  }
  return samples
}

/** `ip symbol (dso)`; symbols and dsos may hold parentheses (`void (*)(int)`, `(deleted)`): the dso is the balanced group at the end. */
function frameOf(text: string): CallchainFrame {
  const f = FRAME.exec(text)
  if (f === null) throw new Error(`not a callchain line: ${text}`)
  const rest = f[2]
  let depth = 0
  let open = rest.length - 1
  for (; open >= 0; open--) {
    if (rest[open] === ')') depth++
    else if (rest[open] === '(' && --depth === 0) break
  }
  return { ip: f[1], symbol: rest.slice(0, open).trimEnd(), dso: rest.slice(open + 1, -1) }
}

export interface ParsedRow {
  tsNs: number
  cpu: number | null
  tid: number | null
  pid: number | null
  comm: string | null
  event: string
  /** leaf first; ip as hex digits, dso as written (short name) or null */
  frames: { ip: string, symbol: string, dso: string | null }[]
}

/** The rows of `sample` or `event`, each with its callchain walked from the stack tree. */
export function parsedRows(out: PieceTables, table: 'sample' | 'event'): ParsedRow[] {
  const f = out.table('frame').col
  const frameOf = (id: number): ParsedRow['frames'][number] => {
    const ip = ((BigInt(f.addr.halves[id * 2 + 1]) << 32n) | BigInt(f.addr.halves[id * 2])).toString(16)
    return { ip, symbol: f.symbol.dictionary.strings[f.symbol.indices[id]], dso: isNull(f.dso, id) ? null : f.dso.dictionary.strings[f.dso.indices[id]] }
  }
  const chain = (stackId: number): ParsedRow['frames'] => {
    const frames: ParsedRow['frames'] = []
    for (let node = stackId; node >= 0; node = out.stackNodes.parents[node]) frames.push(frameOf(out.stackNodes.frames[node]))
    return frames
  }
  const rows: ParsedRow[] = []
  if (table === 'sample') {
    const s = out.table('sample').col
    for (let i = 0; i < s.ts.length; i++) {
      rows.push({
        tsNs: s.ts.values[i], cpu: isNull(s.cpu, i) ? null : s.cpu.values[i], tid: isNull(s.tid, i) ? null : s.tid.values[i],
        pid: isNull(s.pid, i) ? null : s.pid.values[i], comm: s.comm.dictionary.strings[s.comm.indices[i]], event: s.event.dictionary.strings[s.event.indices[i]],
        frames: isNull(s.stack_id, i) ? [] : chain(s.stack_id.values[i]),
      })
    }
  } else {
    const e = out.table('event').col
    for (let i = 0; i < e.ts.length; i++) {
      rows.push({
        tsNs: e.ts.values[i], cpu: isNull(e.cpu, i) ? null : e.cpu.values[i], tid: isNull(e.tid, i) ? null : e.tid.values[i],
        pid: null, comm: null, event: e.name.dictionary.strings[e.name.indices[i]],
        frames: isNull(e.stack_id, i) ? [] : chain(e.stack_id.values[i]),
      })
    }
  }
  return rows
}

function isNull(column: { validity: { bytes: Uint8Array | null } }, row: number): boolean {
  return column.validity.bytes !== null && column.validity.bytes[row] === 0
}

/** perf script prints -1 for an unknown thread; the tables hold null. */
export const tidOrNull = (tid: number): number | null => (tid < 0 ? null : tid)

/** Events per name, as the parse counted them. */
export function eventCounts(out: PieceTables): Record<string, number> {
  return Object.fromEntries(out.eventNames.strings.map((name, id) => [name, out.eventCounts[id]]))
}
