// The real bpftrace 0.17 recordings of shared/fixtures-real/bpftrace (MANIFEST.md), checked
// against their self-checks and against numbers taken from the text by regexes written here.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import type { PieceTables } from '../../tables/piece-tables.js'
import { pieceWarnings } from '../jsonl/parse-warning.js'
import { parseBpftraceText } from './parse-bpftrace-text.js'
import { framesOutermostFirst, parseInPieces, tableRows } from './table-rows.test-util.js'
import { REAL } from '../../test/shared-paths.js'

const DIR = `${REAL}/bpftrace/`
const read = (name: string): string => {
  const b = readFileSync(DIR + name)
  return (name.endsWith('.gz') ? gunzipSync(b) : b).toString('utf8')
}
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)

/** Bucket rows of one histogram as [lo, hi, count]. */
function buckets(rows: Record<string, unknown>[], name: string, key = ''): number[][] {
  return rows.filter((r) => r.name === name && r.key === key).map((r) => [r.lo as number, r.hi as number, r.count as number])
}

/** The histogram block after `header` in bpftrace text, read with this test's own regexes. */
function textBlock(text: string, header: string): number[][] {
  const scale: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }
  const block = text.slice(text.indexOf(`${header}: \n`) + header.length + 3).split('\n\n')[0]
  return block.split('\n').map((line) => {
    let m = /^\[(\d+)([KMG]?), (\d+)([KMG]?)\)\s+(\d+) \|/.exec(line)
    if (m) return [Number(m[1]) * scale[m[2]], Number(m[3]) * scale[m[4]], Number(m[5])]
    m = /^\[(\d+)\]\s+(\d+) \|/.exec(line)
    if (m) return [Number(m[1]), Number(m[1]) + 1, Number(m[2])]
    m = /^\[(\d+), \.\.\.\)\s+(\d+) \|/.exec(line)
    if (m) return [Number(m[1]), Infinity, Number(m[2])]
    throw new Error(`unexpected bucket line ${line}`)
  })
}

describe('syslat-small (hist + lhist + count/sum/max/avg/stats maps)', () => {
  const text = read('syslat-small.txt')
  const out = parseBpftraceText(text)
  const hist = tableRows(out, 'histogram')
  const maps = tableRows(out, 'map_value')

  test('hist and lhist bucket counts each sum to 4335 = @stats_ns count = sum of @calls', () => {
    expect(sum(buckets(hist, '@lat_ns').map((b) => b[2]))).toBe(4335)
    expect(sum(buckets(hist, '@lat_us_lin').map((b) => b[2]))).toBe(4335)
    expect(maps.find((r) => r.name === '@stats_ns' && r.kind === 'stats_count')?.value).toBe(4335)
    expect(sum(maps.filter((r) => r.name === '@calls').map((r) => r.value as number))).toBe(4335)
    expect(pieceWarnings(out)).toEqual([])
  })

  test('bucket bounds and counts equal the printed ones; units from the names', () => {
    expect(buckets(hist, '@lat_ns')).toEqual(textBlock(text, '@lat_ns'))
    expect(buckets(hist, '@lat_us_lin')).toEqual(textBlock(text, '@lat_us_lin'))
    expect(new Set(hist.filter((r) => r.name === '@lat_ns').map((r) => r.unit))).toEqual(new Set(['ns']))
    expect(new Set(hist.filter((r) => r.name === '@lat_us_lin').map((r) => r.unit))).toEqual(new Set(['us']))
  })

  test('every `@map[key]: N` line is one map_value row with that key and value', () => {
    const expected = [...text.matchAll(/^(@\w+)\[([^\]]+)\]: (\d+)$/gm)].map((m) => [m[1], m[2], Number(m[3])])
    expect(expected.length).toBe(24)
    expect(maps.filter((r) => r.kind === 'value').map((r) => [r.name, r.key, r.value])).toEqual(expected)
    const stats = /^@stats_ns: count (\d+), average (\d+), total (\d+)$/m.exec(text)!
    expect(maps.filter((r) => r.name === '@stats_ns').map((r) => [r.kind, r.value]))
      .toEqual([['stats_count', Number(stats[1])], ['stats_avg', Number(stats[2])], ['stats_total', Number(stats[3])]])
  })

  test('the -f json run: the same self-check (4332 syscalls), avg() maps known as avg', () => {
    const json = parseBpftraceText(read('syslat-small.json'))
    const jh = tableRows(json, 'histogram')
    const jm = tableRows(json, 'map_value')
    const calls = sum(jm.filter((r) => r.name === '@calls').map((r) => r.value as number))
    expect(calls).toBe(4332)
    expect(sum(buckets(jh, '@lat_ns').map((b) => b[2]))).toBe(calls)
    expect(sum(buckets(jh, '@lat_us_lin').map((b) => b[2]))).toBe(calls)
    expect(jm.find((r) => r.name === '@stats_ns' && r.kind === 'stats_count')?.value).toBe(calls)
    expect(jm.find((r) => r.name === '@avg_ns' && r.key === 'memfd:sealed-91')).toMatchObject({ kind: 'avg', value: 16708784 })
    expect(buckets(jh, '@lat_us_lin').at(-1)).toEqual([200, Infinity, 97])
    expect(buckets(jh, '@lat_ns')[0]).toEqual([256, 512, 174])
  })
})

describe('runqlat-small', () => {
  test('text: the @usecs buckets as printed, unit us', () => {
    const text = read('runqlat-small.txt')
    const hist = tableRows(parseBpftraceText(text), 'histogram')
    expect(buckets(hist, '@usecs')).toEqual(textBlock(text, '@usecs'))
    expect(hist[0].unit).toBe('us')
  })

  test('json: buckets from min/max, inclusive max turned into an exclusive hi', () => {
    const out = parseBpftraceText(read('runqlat-small.json'))
    const hist = buckets(tableRows(out, 'histogram'), '@usecs')
    expect(hist.slice(0, 3)).toEqual([[1, 2, 77], [2, 4, 246], [4, 8, 129]])
    expect(sum(hist.map((b) => b[2]))).toBe(77 + 246 + 129 + 61 + 353 + 140 + 9 + 8 + 7 + 12 + 2 + 0 + 1)
    expect(tableRows(out, 'event').map((r) => r.args)).toContain('Tracing CPU scheduler... Hit Ctrl-C to end.')
  })
})

describe('switch-printf-small (3133 printf lines)', () => {
  const text = read('switch-printf-small.txt.gz')
  const pattern = '{ts:ns} cpu={cpu} prev={prev_comm}/{prev_tid} prev_prio={prev_prio} prev_state={prev_state} next={next_comm}/{next_tid} next_prio={next_prio}'

  test('with a column pattern: sched_switch rows, 1063 on cpu 0 and 2070 on cpu 1 as @switches_by_cpu says', () => {
    const out = parseBpftraceText(text, { columns: pattern })
    const rows = tableRows(out, 'sched_switch')
    expect(rows.length).toBe(3133)
    expect(rows.filter((r) => r.cpu === 0).length).toBe(1063)
    expect(rows.filter((r) => r.cpu === 1).length).toBe(2070)
    const maps = tableRows(out, 'map_value')
    expect(maps.filter((r) => r.name === '@switches_by_cpu').map((r) => [r.key, r.value])).toEqual([['0', 1063], ['1', 2070]])
    const lines = text.split('\n').filter((l) => /^\d+ cpu=/.test(l))
    // raw prev_state numbers become the kernel's letters (0 R, 1 S, 2 D, 32 Z, 128 I, 256 R+)
    const letters: Record<string, string> = { 0: 'R', 1: 'S', 2: 'D', 32: 'Z', 128: 'I', 256: 'R+' }
    expect(new Set(rows.map((r) => r.prev_state))).toEqual(new Set(Object.values(letters)))
    for (const i of [0, 1, 1000, 3132]) {
      const m = /^(\d+) cpu=(\d+) prev=(.+)\/(\d+) prev_prio=(\d+) prev_state=(\d+) next=(.+)\/(\d+) next_prio=(\d+)$/.exec(lines[i])!
      expect(rows[i]).toEqual({
        ts: Number(m[1]), cpu: Number(m[2]), tid: null, prev_comm: m[3], prev_tid: Number(m[4]), prev_prio: Number(m[5]),
        prev_state: letters[m[6]], next_comm: m[7], next_tid: Number(m[8]), next_prio: Number(m[9]), stack_id: null,
      })
    }
  })

  test('without columns: key=value tokens split, cpu taken out, the rest kept as printed', () => {
    const out = parseBpftraceText(text)
    const printf = tableRows(out, 'event').filter((r) => r.name === 'bpftrace:printf')
    expect(printf.length).toBe(3133)
    expect(printf[0].args).toBe('2098832025276 prev=swapper/0/0 prev_prio=120 prev_state=0 next=rcu_preempt/15 next_prio=120')
    expect(printf[0].cpu).toBe(0)
  })
})

describe('stacks-hotspots-small (@[kstack, ustack, comm] = count())', () => {
  const fold = (pieces: PieceTables[]): Map<string, number> => {
    const folded = new Map<string, number>()
    for (const out of pieces) {
      for (const s of tableRows(out, 'sample')) {
        const line = [s.comm, ...framesOutermostFirst(out, s.stack_id as number | null)].join(';')
        folded.set(line, (folded.get(line) ?? 0) + (s.period as number))
      }
    }
    return folded
  }

  test('folded as comm;user outermost-first;kernel outermost-first, the stacks equal folded-kuc (whole, and in 1 KiB pieces)', () => {
    const out = parseBpftraceText(read('stacks-hotspots-small.txt'))
    const folded = fold([out])
    const expected = new Map<string, number>()
    for (const line of read('stacks-hotspots-small.folded-kuc.txt').split('\n')) {
      if (line === '') continue
      const at = line.lastIndexOf(' ')
      expected.set(line.slice(0, at), Number(line.slice(at + 1)))
    }
    expect(folded).toEqual(expected)
    expect(tableRows(out, 'map_value')).toEqual([])
    expect(fold(parseInPieces(Buffer.from(read('stacks-hotspots-small.txt')), 1024))).toEqual(expected)
  })
})
