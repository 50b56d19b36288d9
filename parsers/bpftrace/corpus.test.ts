// Every file of the public bpftrace corpus (shared/corpora/bpftrace, SOURCE.md there):
// upstream runtime-test expectations (text and -f json) and the tools' example outputs.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { pieceWarnings } from '../jsonl/parse-warning.js'
import { bpftraceParser } from './bpftrace-parser.js'
import { parseBpftraceText } from './parse-bpftrace-text.js'
import { parseInPieces, rowsOf, tableRows } from './table-rows.test-util.js'
import { CORPORA } from '../../test/shared-paths.js'

const ROOT = `${CORPORA}/bpftrace`
const OUTPUTS = `${ROOT}/tests/runtime/outputs/`

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('every corpus file parses without error', () => {
  for (const path of filesUnder(ROOT)) {
    test(path.slice(ROOT.length + 1), () => {
      const out = parseBpftraceText(readFileSync(path))
      if (path.startsWith(OUTPUTS) || path.endsWith('.ndjson')) expect(pieceWarnings(out)).toEqual([])
    })
  }
})

describe('cut into 100-byte windows, the framer never splits a record, a histogram or a stack key', () => {
  for (const path of filesUnder(ROOT).filter((p) => p.startsWith(OUTPUTS) || p.endsWith('biostacks_example.txt'))) {
    test(path.slice(ROOT.length + 1), () => {
      const bytes = readFileSync(path)
      const whole = parseBpftraceText(bytes)
      const pieces = parseInPieces(bytes, 100)
      for (const table of ['histogram', 'map_value', 'lost'] as const) expect(rowsOf(pieces, table)).toEqual(tableRows(whole, table))
      expect(pieces.flatMap(pieceWarnings)).toEqual(pieceWarnings(whole))
    })
  }
})

const hist = (file: string): number[][] =>
  tableRows(parseBpftraceText(readFileSync(OUTPUTS + file)), 'histogram').map((r) => [r.key as never, r.lo as number, r.hi as number, r.count as number])

describe('histogram buckets of the upstream expectations', () => {
  test('hist.txt: hist(-1), hist(2), hist(3), hist(7), hist(20): negative and zero buckets', () => {
    expect(hist('hist.txt')).toEqual([
      ['', -Infinity, 0, 1], ['', 0, 1, 0], ['', 1, 2, 0], ['', 2, 4, 2], ['', 4, 8, 1], ['', 8, 16, 0], ['', 16, 32, 1]])
  })

  test('lhist.txt: lhist(N, 0, 10, 2) for 2, 3, 7, -1, 11: underflow and overflow buckets', () => {
    expect(hist('lhist.txt')).toEqual([
      ['', -Infinity, 0, 1], ['', 0, 2, 0], ['', 2, 4, 2], ['', 4, 6, 0], ['', 6, 8, 1], ['', 8, 10, 0], ['', 10, Infinity, 1]])
  })

  test('hist_multiple.json: keyed, with the negative bucket ({"max": -1})', () => {
    const rows = hist('hist_multiple.json')
    expect(rows[0]).toEqual(['bpftrace', 2, 4, 1])
    expect(rows[1]).toEqual(['curl', -Infinity, 0, 1])
    expect(rows.at(-1)).toEqual(['curl', 1024, 2048, 2])
  })

  test('lhist.json: overflow bucket without max; hist_10g.json: bounds above 2^32', () => {
    expect(hist('lhist.json').at(-1)).toEqual(['', 100, Infinity, 1])
    expect(hist('hist_10g.json')).toEqual([['', 8589934592, 17179869184, 1]])
  })

  test('hist_multiple_multiple_keys.json: two-component keys, pretty-printed over many lines', () => {
    expect(hist('hist_multiple_multiple_keys.json').map((r) => r[0])).toEqual(['bpftrace,2', 'curl,3', 'curl,3', 'curl,3'])
  })
})

describe('maps of the upstream expectations', () => {
  const maps = (file: string): unknown[][] =>
    tableRows(parseBpftraceText(readFileSync(OUTPUTS + file)), 'map_value').map((r) => [r.name, r.key, r.kind, r.value])

  test('scalar, keyed and tuple-keyed maps', () => {
    expect(maps('scalar.json')).toEqual([['@scalar', '', 'value', 5]])
    expect(maps('map.json')).toEqual([['@map', 'key1', 'value', 2], ['@map', 'key2', 'value', 3]])
    expect(maps('complex.json')).toEqual([['@complex', 'bpftrace,2', 'value', 5]])
    expect(maps('print_avg_map_args.txt')).toEqual([['@', 'c', 'value', 3], ['@', 'd', 'value', 4]])
  })

  test('stats maps, plain and keyed', () => {
    expect(maps('stats.json')).toEqual([['@stats', '', 'stats_count', 2], ['@stats', '', 'stats_avg', 6], ['@stats', '', 'stats_total', 12]])
    expect(maps('stats_multiple.json').filter((r) => r[2] === 'stats_total')).toEqual([['@stats', 'curl', 'stats_total', 2], ['@stats', 'zsh', 'stats_total', 10]])
  })

  test('a string value is kept in event', () => {
    const out = parseBpftraceText(readFileSync(OUTPUTS + 'scalar_str.json'))
    expect(tableRows(out, 'event')).toMatchObject([{ name: '@scalar_str', args: 'value="a b \\n d e"' }])
  })
})

test('biostacks_example.txt: histograms keyed by a kernel stack, key = frames outermost first', () => {
  const rows = tableRows(parseBpftraceText(readFileSync(`${ROOT}/tools/biostacks_example.txt`)), 'histogram')
  const keys = [...new Set(rows.map((r) => r.key as string))]
  expect(keys.length).toBeGreaterThan(1)
  expect(keys.every((k) => k.includes(';') && k.split(';').at(-1) === 'blk_account_io_start+1')).toBe(true)
  expect(rows.every((r) => r.unit === 'us')).toBe(true)
})

test('detect: text and -f json output say yes; other traces no', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
  expect(bpftraceParser.detect(enc('Attaching 4 probes...\n'), false)).toBe('yes')
  expect(bpftraceParser.detect(enc('ERROR: couldn\'t set RLIMIT_MEMLOCK\nAttaching 1 probe...\n'), false)).toBe('yes')
  expect(bpftraceParser.detect(enc('{"type": "attached_probes", "data": {"probes": 4}}\n'), false)).toBe('yes')
  expect(bpftraceParser.detect(enc('@calls[bash]: 64\n'), true)).toBe('yes')
  expect(bpftraceParser.detect(enc('Attaching 4 pro'), false)).toBe('more')
  expect(bpftraceParser.detect(enc('# tracer: nop\n#\n'), false)).toBe('no')
  expect(bpftraceParser.detect(enc('hackbench 14444 [000] 1246.877291: sched:sched_switch: prev_comm=x\n'), false)).toBe('no')
  expect(bpftraceParser.detect(enc('{"ts": 1, "pid": 2}\n'), false)).toBe('no')
})
