// Bad input stops with a TraceInputError naming the line (counted here from the text itself),
// what was expected, and an excerpt; never a partial result.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { TraceInputError } from '../parser.js'
import { parsePerfJsonText } from './parse-perf-json-text.js'
import { perfJsonParser } from './perf-json-parser.js'

const text = gunzipSync(readFileSync(new URL('../../fixtures/perf-json/cpu-clock-spin.json.gz', import.meta.url))).toString('utf8')
/** Header and the first 4 samples, closed as perf closes the document. */
const body = ((): string => {
  let end = text.indexOf('"samples": [')
  for (let k = 0; k < 4; k++) end = text.indexOf('\n\t\t}', end + 1) + 4
  return text.slice(0, end)
})()
const small = `${body}\n\t]\n}\n`
const lineOf = (s: string, index: number): number => s.slice(0, index).split('\n').length
/** Index of the `{` of sample k (0-based). */
const sampleStart = (s: string, k: number): number => {
  let at = s.indexOf('"samples": [')
  for (let i = 0; i <= k; i++) at = s.indexOf('\n\t\t{', at + 1) + 3
  return at
}

function errorOf(input: string, chunkBytes?: number): TraceInputError {
  try {
    parsePerfJsonText(input, {}, chunkBytes)
  } catch (e) {
    if (e instanceof TraceInputError) return e
    throw e
  }
  throw new Error('no error')
}

describe('perf JSON bad input', () => {
  it('parses the untouched text (the cases below differ from it only by the damage)', () => {
    expect(parsePerfJsonText(small).table('sample').length).toBe(4)
  })

  for (const chunkBytes of [1 << 20, 64]) {
    it(`input cut off inside a sample (chunks of ${chunkBytes} bytes): the sample's line`, () => {
      const cutAt = sampleStart(small, 2) + 40
      const e = errorOf(small.slice(0, cutAt), chunkBytes)
      expect(e.expected).toMatch(/cut off inside/)
      expect(e.line).toBe(lineOf(small, sampleStart(small, 2)))
      expect(e.excerpt).toBe('\t\t{')
    })

    it(`input cut off after a whole sample (chunks of ${chunkBytes} bytes): the last line`, () => {
      const e = errorOf(body, chunkBytes)
      expect(e.expected).toMatch(/cut off/)
      expect(e.line).toBe(lineOf(body, body.length))
      expect(e.excerpt).toBe('\t\t}')
    })
  }

  it('input cut off after a whole sample, seen whole before eof: the framer keeps a byte for the eof call', () => {
    for (const layout of [body, JSON.stringify(JSON.parse(small)).replace(/\]\}$/, '')]) {
      const bytes = new TextEncoder().encode(layout)
      const framer = perfJsonParser.createFramer({})
      const cut = framer.cut(bytes, false)
      expect(cut).toBeLessThan(bytes.length)
      expect(() => framer.cut(bytes.subarray(cut), true)).toThrow(TraceInputError)
    }
  })

  it('a number where a sample object should be', () => {
    const at = sampleStart(small, 1)
    const end = small.indexOf('\n\t\t}', at) + 4
    const damaged = `${small.slice(0, at)}42${small.slice(end)}`
    const e = errorOf(damaged)
    expect(e.expected).toMatch(/sample object/)
    expect(e.line).toBe(lineOf(damaged, at))
    expect(e.excerpt).toBe('\t\t42,')
  })

  it('the same in a minified document (the byte scanner path)', () => {
    const samples = JSON.parse(small) as { samples: unknown[] }
    samples.samples[2] = 'oops'
    const e = errorOf(JSON.stringify(samples))
    expect(e.expected).toMatch(/sample object/)
    expect(e.line).toBe(1)
    expect(e.excerpt).toContain('"oops"')
  })

  it('invalid JSON inside a sample: the line of the bad token', () => {
    const at = small.indexOf('"pid": ', sampleStart(small, 3))
    const damaged = `${small.slice(0, at)}"pid": 12x${small.slice(small.indexOf(',', at))}`
    const e = errorOf(damaged)
    expect(e.expected).toMatch(/valid JSON sample object/)
    expect([lineOf(damaged, at), lineOf(damaged, sampleStart(damaged, 3))]).toContain(e.line)
  })

  it('a timestamp that is not an integer of ns', () => {
    const at = small.indexOf('"timestamp": ', sampleStart(small, 1)) + '"timestamp": '.length
    const damaged = `${small.slice(0, at)}1.5${small.slice(small.indexOf(',', at))}`
    const e = errorOf(damaged)
    expect(e.expected).toMatch(/integer "timestamp"/)
    expect(e.line).toBe(lineOf(damaged, sampleStart(damaged, 1)))
  })

  it('timestamps are kept exact up to 2^53 ns (104 days of uptime) and refused above', () => {
    const at = small.indexOf('"timestamp": ', sampleStart(small, 0)) + '"timestamp": '.length
    const withTs = (ts: string): string => `${small.slice(0, at)}${ts}${small.slice(small.indexOf(',', at))}`
    const out = parsePerfJsonText(withTs('9007199254740991'))
    expect(out.table('sample').col.ts.values[0]).toBe(2 ** 53 - 1)
    const e = errorOf(withTs('9007199254740993'))
    expect(e.expected).toMatch(/integer "timestamp"/)
    expect(e.line).toBe(lineOf(small, sampleStart(small, 0)))
  })

  it('garbage, or JSON that is not perf\'s, before any sample', () => {
    expect(errorOf('hello world\n').expected).toMatch(/perf JSON document/)
    expect(errorOf('').expected).toMatch(/"samples" array/)
    expect(errorOf('{"a": 1}\n').expected).toMatch(/"samples" array/)
    const noVersion = errorOf('{\n\t"headers": {},\n\t"samples": [\n\t]\n}\n')
    expect(noVersion.expected).toMatch(/linux-perf-json-version/)
  })

  it('anything after the document', () => {
    const e = errorOf(`${small}}\n`)
    expect(e.expected).toMatch(/end of the (perf JSON )?document/)
    expect(e.line).toBe(lineOf(small, small.length))
  })

  it('detects perf JSON from its first bytes: yes, no, or more', () => {
    const head = new TextEncoder().encode(small)
    expect(perfJsonParser.detect(head.subarray(0, 64), false)).toBe('yes')
    expect(perfJsonParser.detect(head.subarray(0, 10), false)).toBe('more')
    expect(perfJsonParser.detect(head.subarray(0, 10), true)).toBe('no')
    expect(perfJsonParser.detect(new TextEncoder().encode('{"traceEvents": []}'), false)).toBe('no')
    expect(perfJsonParser.detect(new TextEncoder().encode('perf 1234 [000] 1.0: cycles:'), false)).toBe('no')
  })
})
