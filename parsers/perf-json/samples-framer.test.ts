// The framer cuts wherever the driver's chunks end; the rows must not depend on where. Each
// cutting of a small real conversion (its first samples, in perf's layout, minified,
// indented with spaces, and with each sample's keys reversed) is parsed piece by piece, as the driver does, and compared with
// perf script's output for the same samples.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { PieceTables } from '../../tables/piece-tables.js'
import { perfJsonParser } from './perf-json-parser.js'
import { parsedRows, readPerfScriptReference, tidOrNull } from './perf-script-reference.js'

const fixture = (name: string): string => gunzipSync(readFileSync(new URL(`../../fixtures/perf-json/${name}`, import.meta.url))).toString('utf8')

const SAMPLES = 5
/** The conversion's header and first SAMPLES samples, closed as perf closes the document. */
const perfLayout = ((): string => {
  const text = fixture('cpu-clock-spin.json.gz')
  let end = text.indexOf('"samples": [')
  for (let k = 0; k < SAMPLES; k++) end = text.indexOf('\n\t\t}', end + 1) + 4
  return `${text.slice(0, end)}\n\t]\n}\n`
})()
const reference = readPerfScriptReference(fixture('cpu-clock-spin.perf-script.txt.gz')).slice(0, SAMPLES)
  .map((s) => ({ tsNs: s.tsNs, tid: tidOrNull(s.tid), comm: s.comm, symbols: s.frames.map((f) => f.symbol) }))

/** The keys of each sample in reverse order: not perf's shape, so each sample goes through JSON.parse. */
const reordered = ((): string => {
  const doc = JSON.parse(perfLayout) as { samples: Record<string, unknown>[] }
  doc.samples = doc.samples.map((s) => Object.fromEntries(Object.entries(s).reverse()))
  return JSON.stringify(doc, null, '\t')
})()

const layouts: Record<string, string> = {
  perf: perfLayout,
  minified: JSON.stringify(JSON.parse(perfLayout)),
  spaces: JSON.stringify(JSON.parse(perfLayout), null, 2),
  reordered,
}

/** Feeds the chunks to a framer as the driver does (unconsumed bytes come back first), parsing each piece on its own. */
function rowsFromChunks(bytes: Uint8Array, ends: number[]) {
  const framer = perfJsonParser.createFramer({})
  const rows = []
  let start = 0
  for (const end of ends) {
    const cut = framer.cut(bytes.subarray(start, end), end === bytes.length)
    if (cut === 0) continue
    const out = new PieceTables()
    perfJsonParser.parsePiece(bytes.subarray(start, start + cut), framer.context(), out, {})
    rows.push(...parsedRows(out, 'sample').map((r) => ({ tsNs: r.tsNs, tid: r.tid, comm: r.comm, symbols: r.frames.map((f) => f.symbol) })))
    start += cut
  }
  expect(start).toBe(bytes.length)
  return rows
}

describe('PerfJsonFramer: any chunk boundaries give the same samples', () => {
  for (const [layout, text] of Object.entries(layouts)) {
    const bytes = new TextEncoder().encode(text)

    it(`${layout} layout, whole: perf script's first ${SAMPLES} samples`, () => {
      expect(rowsFromChunks(bytes, [bytes.length])).toEqual(reference)
    })

    it(`${layout} layout, cut in two at every byte (${bytes.length} cuts)`, () => {
      for (let k = 1; k < bytes.length; k++) {
        const rows = rowsFromChunks(bytes, [k, bytes.length])
        if (JSON.stringify(rows) !== JSON.stringify(reference)) expect(rows, `cut at ${k}`).toEqual(reference)
      }
    })

    it(`${layout} layout, fed in chunks of 1 to 64 bytes`, () => {
      for (let size = 1; size <= 64; size++) {
        const ends: number[] = []
        for (let e = size; e < bytes.length; e += size) ends.push(e)
        ends.push(bytes.length)
        expect(rowsFromChunks(bytes, ends), `chunks of ${size}`).toEqual(reference)
      }
    })
  }

  it('counts the same lines whatever the cuts', () => {
    const bytes = new TextEncoder().encode(perfLayout)
    const newlines = perfLayout.split('\n').length - 1
    for (const k of [1, 100, 700, 1500, bytes.length - 3]) {
      const framer = perfJsonParser.createFramer({})
      let lines = 0
      let start = 0
      for (const end of [k, bytes.length]) {
        const cut = framer.cut(bytes.subarray(start, end), end === bytes.length)
        if (cut === 0) continue
        const out = new PieceTables()
        perfJsonParser.parsePiece(bytes.subarray(start, start + cut), framer.context(), out, {})
        lines += out.lines
        start += cut
      }
      expect(lines, `cut at ${k}`).toBe(newlines)
    }
  })

  it('a recording without samples: no rows, no error, in either layout', () => {
    const empty = `${perfLayout.slice(0, perfLayout.indexOf('"samples": [') + 12)}\n\t]\n}\n`
    for (const text of [empty, JSON.stringify(JSON.parse(empty))]) {
      const bytes = new TextEncoder().encode(text)
      for (const k of [1, 50, bytes.length - 2]) expect(rowsFromChunks(bytes, [k, bytes.length])).toEqual([])
    }
  })

  it('hands every piece the header: hostname, perf version, cmdline, recorded events', () => {
    const framer = perfJsonParser.createFramer({})
    const bytes = new TextEncoder().encode(perfLayout)
    expect(framer.cut(bytes.subarray(0, 200), false)).toBe(0)
    framer.cut(bytes, true)
    const context = framer.context() as { headers: Record<string, unknown>, events: string[], version: number }
    expect(context.version).toBe(1)
    expect(context.headers['perf-version']).toBe('6.1.192')
    expect(context.headers['nrcpus-online']).toBe(2)
    expect(context.headers.cmdline).toEqual(['/usr/bin/perf', 'record', '-F', '999', '-g', '-a', '-o', '/tmp/y.data', '--', 'sleep', '1'])
    expect(context.events).toEqual(['cycles|cpu-clock'])
  })
})
