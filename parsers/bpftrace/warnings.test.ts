// Damaged input: a cut JSON record, a histogram with a missing bucket, an unknown message type
// are warnings with their line, the rest kept; input that is not bpftrace output at all throws.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { TraceInputError } from '../parser.js'
import { pieceWarnings } from '../jsonl/parse-warning.js'
import { parseBpftraceText } from './parse-bpftrace-text.js'
import { tableRows } from './table-rows.test-util.js'
import { REAL } from '../../test/shared-paths.js'

const DIR = `${REAL}/bpftrace/`
const syslatText = readFileSync(DIR + 'syslat-small.txt', 'utf8')
const syslatJson = readFileSync(DIR + 'syslat-small.json', 'utf8')
const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1

describe('warnings: line number given, the rest kept', () => {
  test('a -f json record cut off in the middle', () => {
    const lines = syslatJson.split('\n')
    const at = lineOf(syslatJson, '{"type": "hist", "data": {"@lat_ns"')
    lines[at - 1] = lines[at - 1].slice(0, 300)
    const out = parseBpftraceText(lines.join('\n'))
    expect(pieceWarnings(out)).toEqual([{ line: at, message: 'JSON record cut off or malformed; skipped' }])
    expect(out.unparsed).toEqual({ count: 1, firstLines: [at] })
    const names = new Set(tableRows(out, 'histogram').map((r) => r.name))
    expect(names).toEqual(new Set(['@lat_us_lin']))
    expect(tableRows(out, 'map_value').length).toBe(27)
  })

  test('the last record cut off (no newline at the end)', () => {
    const out = parseBpftraceText(syslatJson.trimEnd().slice(0, -40))
    const last = syslatJson.trimEnd().split('\n').length
    expect(pieceWarnings(out)).toEqual([{ line: last, message: 'JSON record cut off or malformed; skipped' }])
    expect(tableRows(out, 'map_value').filter((r) => r.name === '@calls').length).toBe(6)
  })

  test('a text hist with a missing bucket', () => {
    const lines = syslatText.split('\n')
    const at = lineOf(syslatText, '[4K, 8K)')
    lines.splice(at - 1, 1)
    const out = parseBpftraceText(lines.join('\n'))
    expect(pieceWarnings(out)).toEqual([{ line: at, message: 'histogram @lat_ns: missing bucket between 4096 and 8192' }])
    expect(tableRows(out, 'histogram').length).toBe(42)
  })

  test('a -f json hist with a missing bucket', () => {
    const cut = syslatJson.replace('{"min": 4096, "max": 8191, "count": 97}, ', '')
    const out = parseBpftraceText(cut)
    const at = lineOf(cut, '{"type": "hist", "data": {"@lat_ns"')
    expect(pieceWarnings(out)).toEqual([{ line: at, message: 'histogram @lat_ns: missing bucket between 4096 and 8192' }])
  })

  test('an unknown message type', () => {
    const lines = syslatJson.split('\n')
    lines.splice(2, 0, '{"type": "hologram", "data": {"@x": 1}}')
    const out = parseBpftraceText(lines.join('\n'))
    expect(pieceWarnings(out)).toEqual([{ line: 3, message: 'unknown bpftrace message type "hologram"; skipped' }])
    expect(tableRows(out, 'histogram').length).toBe(43)
  })

  test('a stack key never closed', () => {
    const out = parseBpftraceText('@[\n    foo+1\n    bar+2\nnot a frame\n@x: 1\n')
    expect(pieceWarnings(out)).toEqual([{ line: 1, message: 'map key of @ not closed by `]:`; skipped' }])
    expect(tableRows(out, 'map_value')).toEqual([{ name: '@x', key: '', kind: 'value', value: 1 }])
  })
})

describe('input that is not bpftrace output', () => {
  const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)

  test('binary bytes: TraceInputError with the line', () => {
    expect(() => parseBpftraceText(garbage)).toThrow(TraceInputError)
    try {
      parseBpftraceText(garbage)
    } catch (e) {
      expect((e as TraceInputError).line).toBe(1)
    }
  })

  test('-f json where no record parses: TraceInputError', () => {
    expect(() => parseBpftraceText('{not json at all\n{nor this\n')).toThrow(TraceInputError)
  })
})

describe('records beside maps', () => {
  test('lost events, from text and from -f json', () => {
    const text = parseBpftraceText('Attaching 1 probe...\nLost 17 events\n@c: 3\n')
    const json = parseBpftraceText('{"type": "attached_probes", "data": {"probes": 1}}\n{"type": "lost_events", "data": {"events": 17}}\n')
    for (const out of [text, json]) expect(tableRows(out, 'lost')).toEqual([{ ts: null, cpu: null, count: 17 }])
  })

  test('time() lines, from text and from -f json', () => {
    const text = parseBpftraceText('Attaching 1 probe...\n10:42:01\n')
    const json = parseBpftraceText('{"type": "time", "data": "10:42:01\\n"}\n')
    for (const out of [text, json]) expect(tableRows(out, 'event').at(-1)).toMatchObject({ name: 'bpftrace:time', args: '10:42:01' })
  })

  test('printf output split over records joins into lines; time() kept', () => {
    const out = parseBpftraceText([
      '{"type": "printf", "data": "ts=5 a=1 "}',
      '{"type": "printf", "data": "b=2\\nc=3"}',
      '{"type": "time", "data": "10:42:01\\n"}',
      '{"type": "printf", "data": "\\n"}',
    ].join('\n'))
    expect(tableRows(out, 'event').map((r) => [r.name, r.ts, r.args])).toEqual([
      ['bpftrace:printf', 5, 'a=1 b=2'], ['bpftrace:time', 0, '10:42:01'], ['bpftrace:printf', 0, 'c=3']])
  })
})
