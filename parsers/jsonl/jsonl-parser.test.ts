// Generic JSON lines: the printf-sysexit recording (fixtures/bpftrace) rewritten as the objects
// a libbpf tool would emit, read back with --map; warnings and errors on damaged lines.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { PieceTables } from '../../tables/piece-tables.js'
import { TraceInputError, type ParserOptions } from '../parser.js'
import { parseInPieces, rowsOf, tableRows } from '../bpftrace/table-rows.test-util.js'
import { jsonlParser } from './jsonl-parser.js'
import { pieceWarnings } from './parse-warning.js'

function parse(text: string, options: ParserOptions = {}): PieceTables {
  const bytes = new TextEncoder().encode(text)
  const framer = jsonlParser.createFramer(options)
  const out = new PieceTables()
  jsonlParser.parsePiece(bytes.subarray(0, framer.cut(bytes, true)), framer.context(), out, options)
  return out
}

const MAP = 'ts=timestamp_ns,tid=pid,cpu=cpu,event=type'

describe('libbpf-style events', () => {
  const lines = gunzipSync(readFileSync(new URL('../../fixtures/bpftrace/printf-sysexit.txt.gz', import.meta.url)))
    .toString('utf8').split('\n').filter((l) => l.startsWith('ts='))
  const records = lines.slice(0, 5000).map((l) => {
    const m = /^ts=(\d+) cpu=(\d+) tid=(\d+) comm=(\S+) event=(\S+) nr=(-?\d+) ret=(-?\d+)$/.exec(l)!
    return { timestamp_ns: Number(m[1]), cpu: Number(m[2]), pid: Number(m[3]), comm: m[4], type: m[5], nr: Number(m[6]), ret: Number(m[7]) }
  })
  const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n'

  test('--map names the time, thread, cpu and event fields; the rest become args', () => {
    const rows = tableRows(parse(text, { map: MAP }), 'event')
    expect(rows.length).toBe(5000)
    for (const i of [0, 1234, 4999]) {
      const r = records[i]
      expect(rows[i]).toEqual({ ts: r.timestamp_ns, cpu: r.cpu, tid: r.pid, name: r.type, args: `comm=${r.comm} nr=${r.nr} ret=${r.ret}`, stack_id: null })
    }
  })

  test('a unit on ts: microseconds with a fraction to exact ns', () => {
    const rows = tableRows(parse('{"t": 1.5, "what": "x"}\n', { map: 'ts:us=t,event=what' }), 'event')
    expect(rows).toMatchObject([{ ts: 1500, name: 'x', args: null }])
  })

  test('fields named as a typed table\'s columns fill that table', () => {
    const line = { ts: 9, cpu: 1, prev_comm: 'a', prev_tid: 1, prev_state: 'S', next_comm: 'b', next_tid: 2 }
    const out = parse(JSON.stringify(line) + '\n')
    expect(tableRows(out, 'sched_switch')).toEqual([{ ...line, tid: null, prev_prio: null, next_prio: null, stack_id: null }])
  })

  test('in pieces cut by the framer: the same rows', () => {
    const pieces = parseInPieces(new TextEncoder().encode(text), 4096, { map: MAP }, jsonlParser)
    expect(pieces.length).toBeGreaterThan(50)
    expect(rowsOf(pieces, 'event')).toEqual(tableRows(parse(text, { map: MAP }), 'event'))
  })
})

describe('damaged lines', () => {
  test('a cut line and a non-object: warnings with their lines, the rest kept', () => {
    const out = parse('{"ts": 1, "event": "a"}\n{"ts": 2, "ev\n[1, 2]\n{"ts": 3, "event": "c"}\n')
    expect(pieceWarnings(out)).toEqual([
      { line: 2, message: 'JSON record cut off or malformed; skipped' },
      { line: 3, message: 'JSON value is not an object; skipped' },
    ])
    expect(tableRows(out, 'event').filter((r) => r.name !== 'exotrace:warning').map((r) => r.name)).toEqual(['a', 'c'])
  })

  test('garbage: TraceInputError', () => {
    expect(() => parse('\u0000\u0001\u0002binary\n')).toThrow(TraceInputError)
    expect(() => parse('hello\nworld\n')).toThrow(TraceInputError)
  })

  test('detect: an object per line yes, bpftrace records and text no', () => {
    const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
    expect(jsonlParser.detect(enc('{"timestamp_ns": 1, "pid": 2}\n'), false)).toBe('yes')
    expect(jsonlParser.detect(enc('{"type": "map", "data": {"@": 1}}\n'), false)).toBe('no')
    expect(jsonlParser.detect(enc('Attaching 1 probe...\n'), false)).toBe('no')
    expect(jsonlParser.detect(enc('{"timestamp_ns": 1, '), false)).toBe('more')
  })
})
