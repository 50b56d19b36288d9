// The recordings of fixtures/bpftrace (README.md there): text and JSON of a deterministic run
// give the same tables, and those equal what the program computes (recomputed here); the
// syscall, printf and kstack recordings against their own counters; and the framer's pieces.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import type { PieceTables } from '../../tables/piece-tables.js'
import { pieceWarnings } from '../jsonl/parse-warning.js'
import { parseBpftraceText } from './parse-bpftrace-text.js'
import { framesOutermostFirst, parseInPieces, rowsOf, tableRows } from './table-rows.test-util.js'

const DIR = new URL('../../fixtures/bpftrace/', import.meta.url).pathname
const read = (name: string): Buffer => (name.endsWith('.gz') ? gunzipSync(readFileSync(DIR + name)) : readFileSync(DIR + name))
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
const sorted = (rows: Record<string, unknown>[]): string[] => rows.map((r) => JSON.stringify(r)).sort()

describe('deterministic.bt: text and -f json of the same numbers', () => {
  const text = parseBpftraceText(read('deterministic.txt'))
  const json = parseBpftraceText(read('deterministic.json'))

  test('the same histogram rows, the same printf rows, no warnings', () => {
    expect(sorted(tableRows(json, 'histogram'))).toEqual(sorted(tableRows(text, 'histogram')))
    expect(tableRows(json, 'event')).toEqual(tableRows(text, 'event'))
    expect(pieceWarnings(text)).toEqual([])
    expect(pieceWarnings(json)).toEqual([])
  })

  test('the same map values; only JSON knows that @mean is an avg() map', () => {
    const fromJson = tableRows(json, 'map_value')
    expect(fromJson.filter((r) => r.name === '@mean').every((r) => r.kind === 'avg')).toBe(true)
    const asText = fromJson.map((r) => (r.kind === 'avg' ? { ...r, kind: 'value' } : r))
    expect(sorted(asText)).toEqual(sorted(tableRows(text, 'map_value')))
  })

  // What the program computes, for i = 1..3000, recomputed here.
  const I = Array.from({ length: 3000 }, (_, k) => k + 1)
  const v = (i: number): number => (i * i * 37) % 1000003
  const log2Bucket = (x: number): [number, number] => (x < 0 ? [-Infinity, 0] : x < 2 ? [x, x + 1] : [2 ** Math.floor(Math.log2(x)), 2 ** (Math.floor(Math.log2(x)) + 1)])
  const linBucket = (x: number): [number, number] => (x < 0 ? [-Infinity, 0] : x >= 200 ? [200, Infinity] : [x - (x % 10), x - (x % 10) + 10])
  const counts = (xs: number[], bucket: (x: number) => [number, number]): Map<string, number> => {
    const m = new Map<string, number>()
    for (const x of xs) m.set(String(bucket(x)), (m.get(String(bucket(x))) ?? 0) + 1)
    return m
  }
  const nonEmpty = (out: PieceTables, name: string, key = ''): Map<string, number> =>
    new Map(tableRows(out, 'histogram').filter((r) => r.name === name && r.key === key && (r.count as number) > 0).map((r) => [String([r.lo, r.hi]), r.count as number]))

  test('hist() and lhist() buckets equal the recomputed ones, negative/zero/under/overflow included', () => {
    for (const out of [text, json]) {
      expect(nonEmpty(out, '@lat_ns')).toEqual(counts(I.map(v), log2Bucket))
      expect(nonEmpty(out, '@delta')).toEqual(counts(I.map((i) => i - 100), log2Bucket))
      expect(nonEmpty(out, '@lin_us')).toEqual(counts(I.map((i) => (i % 260) - 20), linBucket))
      expect(nonEmpty(out, '@hk_ns', '1')).toEqual(counts(I.filter((i) => i % 2 === 1), log2Bucket))
    }
  })

  test('count, sum, min, max, avg and stats maps equal the recomputed ones', () => {
    const maps = tableRows(text, 'map_value')
    const value = (name: string, key = '', kind = 'value'): unknown => maps.find((r) => r.name === name && r.key === key && r.kind === kind)?.value
    expect(value('@pairs', '2,1')).toBe(I.filter((i) => i % 3 === 2 && i % 2 === 1).length)
    expect(value('@sum_bytes', '3')).toBe(sum(I.filter((i) => i % 4 === 3)))
    expect([value('@lo'), value('@hi')]).toEqual([1, 3000])
    const mean4 = I.filter((i) => i % 5 === 4)
    expect(value('@mean', '4')).toBe(Math.floor(sum(mean4) / mean4.length))
    expect([value('@st', '', 'stats_count'), value('@st', '', 'stats_avg'), value('@st', '', 'stats_total')]).toEqual([3000, 1500, sum(I)])
    const odd = I.filter((i) => i % 2 === 1).map(v)
    expect(value('@st_by', '1', 'stats_total')).toBe(sum(odd))
  })

  test('printf key=value lines: event named by event=, the rest as args', () => {
    const ticks = tableRows(text, 'event').filter((r) => r.name === 'tick')
    expect(ticks.length).toBe(30)
    expect(ticks[2].args).toBe(`seq=300 v=${v(300)}`)
  })
})

describe('syslat-dd: hist and lhist each sum to @calls', () => {
  for (const name of ['syslat-dd.txt', 'syslat-dd.json']) {
    test(name, () => {
      const out = parseBpftraceText(read(name))
      const calls = tableRows(out, 'map_value').find((r) => r.name === '@calls')!.value
      const hist = tableRows(out, 'histogram')
      expect(calls).toBe(60124)
      expect(sum(hist.filter((r) => r.name === '@lat_ns').map((r) => r.count as number))).toBe(calls)
      expect(sum(hist.filter((r) => r.name === '@lat_us_lin').map((r) => r.count as number))).toBe(calls)
      expect(hist.find((r) => r.name === '@lat_us_lin')).toMatchObject({ lo: 0, hi: 5, unit: 'us' })
    })
  }
})

describe('printf-sysexit: 120,125 printf lines', () => {
  const bytes = read('printf-sysexit.txt.gz')
  const lines = bytes.toString('utf8').split('\n').filter((l) => l.startsWith('ts='))

  test('one event row per line = @lines, fields from the line', () => {
    const out = parseBpftraceText(bytes)
    const rows = tableRows(out, 'event').filter((r) => r.name === 'sys_exit')
    expect(lines.length).toBe(120125)
    expect(rows.length).toBe(tableRows(out, 'map_value').find((r) => r.name === '@lines')!.value)
    for (const i of [0, 7, 60000, 120124]) {
      const m = /^ts=(\d+) cpu=(\d+) tid=(\d+) event=sys_exit$/.exec(lines[i].replace(/ comm=\S+| nr=\S+| ret=\S+/g, ''))!
      expect([rows[i].ts, rows[i].cpu, rows[i].tid]).toEqual([Number(m[1]), Number(m[2]), Number(m[3])])
      expect(rows[i].args).toBe(lines[i].replace(/(ts|cpu|tid|event)=\S+ /g, ''))
    }
  })

  test('each thread named by comm= gets a task row (change seen), as perf\'s parsers write them', () => {
    const tasks = tableRows(parseBpftraceText(bytes), 'task')
    const pairs = new Map(lines.map((l) => [Number(/ tid=(\d+)/.exec(l)![1]), /comm=(\S+)/.exec(l)![1]]))
    expect(tasks.map((t) => [t.tid, t.comm, t.change])).toEqual([...pairs].map(([tid, comm]) => [tid, comm, 'seen']))
    expect(tasks[0].ts).toBe(Number(/^ts=(\d+)/.exec(lines[0])![1]))
  })

  test('cut into 64 KiB pieces: the same rows', () => {
    const pieces = parseInPieces(bytes, 65536)
    expect(pieces.length).toBeGreaterThan(50)
    const rows = rowsOf(pieces, 'event').filter((r) => r.name === 'sys_exit')
    expect(rows.length).toBe(120125)
    expect(rows.map((r) => r.ts)).toEqual(lines.map((l) => Number(/^ts=(\d+)/.exec(l)![1])))
  })
})

describe('kstack: @[kstack] = count() as samples', () => {
  for (const name of ['kstack.txt', 'kstack.json']) {
    test(`${name}: sample periods sum to @samples, in one piece and in 2 KiB pieces`, () => {
      const bytes = read(name)
      const whole = parseBpftraceText(bytes)
      const total = tableRows(whole, 'map_value').find((r) => r.name === '@samples')!.value
      const samples = tableRows(whole, 'sample')
      expect(samples.every((s) => s.event === '@')).toBe(true)
      // `@[]`: samples taken in user mode have an empty kstack
      expect(samples.filter((s) => s.stack_id === null).length).toBe(1)
      expect(sum(samples.map((s) => s.period as number))).toBe(total)
      const pieces = parseInPieces(bytes, 2048)
      expect(sum(rowsOf(pieces, 'sample').map((s) => s.period as number))).toBe(total)
      expect(pieces.flatMap(pieceWarnings)).toEqual([])
    })
  }
})

test('indented printf output (columns of a tool) still gets cut into pieces', () => {
  const lines = Array.from({ length: 20000 }, (_, i) => `   ${i} bash  ${i % 7}`)
  const pieces = parseInPieces(new TextEncoder().encode(`Attaching 1 probe...\n${lines.join('\n')}\n@[\n    a+1\n]: 3\n`), 4096)
  expect(pieces.length).toBeGreaterThan(50)
  expect(rowsOf(pieces, 'event').filter((r) => r.name === 'bpftrace:printf').map((r) => r.args)).toEqual(lines)
  expect(rowsOf(pieces, 'sample').map((s) => s.period)).toEqual([3])
})

test('kstack-ustack-comm.json: 3-component stack keys from -f json fold as their raw keys do', () => {
  const bytes = read('kstack-ustack-comm.json')
  const out = parseBpftraceText(bytes)
  const samples = tableRows(out, 'sample')
  expect(sum(samples.map((s) => s.period as number))).toBe(138)
  const folded = (lines: [string, number][]): Map<string, number> => {
    const m = new Map<string, number>()
    for (const [line, n] of lines) m.set(line, (m.get(line) ?? 0) + n)
    return m
  }
  // the raw keys: frames are the indented lines, innermost first; comm follows the last comma
  const raw = bytes.toString('utf8').split('\n').filter((l) => l.includes('"@"'))
    .flatMap((l) => Object.entries(JSON.parse(l).data['@'] as Record<string, number>))
    .map(([key, n]): [string, number] => {
      const frames = key.split('\n').filter((f) => f.startsWith(' ')).map((f) => f.trim()).reverse()
      return [[key.slice(key.lastIndexOf(',') + 1), ...frames].join(';'), n]
    })
  expect(raw.length).toBe(samples.length)
  expect(folded(samples.map((s) => [[s.comm, ...framesOutermostFirst(out, s.stack_id as number | null)].join(';'), s.period as number])))
    .toEqual(folded(raw))
})
