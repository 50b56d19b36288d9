// bpftrace's default (text) output: printf lines, then at exit (or on print()) every map:
//   @name: 5            @name[k1, k2]: 5          @: 5
//   @stats_ns: count 4335, average 1143262, total 4956043338
//   @lat_ns:            followed by bucket lines `[256, 512)   259 |@@@@   |` (hist and lhist)
//   @[                  a stack key over several lines (frames indented, components split by `, `)
//       frame+off
//   , comm]: 5
// plus `Attaching N probes...`, `Lost N events` and time() lines.
import { excerptAt, TraceInputError, type ParserOptions } from '../parser.js'
import type { PieceTables } from '../../tables/piece-tables.js'
import { firstGarbageLine } from '../jsonl/garbage-line.js'
import { noteWarning } from '../jsonl/parse-warning.js'
import { lineByteStart, pieceLines, pieceText } from '../jsonl/piece-lines.js'
import { textBucketBounds } from './histogram-bucket-bounds.js'
import { HistogramRows } from './histogram-rows.js'
import { histogramUnitOf } from './histogram-unit.js'
import { MapEntryWriter } from './map-entry-writer.js'
import { TIME_EVENT, writeAttachedProbes, writeLost, writeNotice } from './notice-rows.js'
import { PrintfLines } from './printf-lines.js'

const MAP_NAME = /^@\w*/
const BUCKET = /^([[(][^\])]*[\])])\s+(\d+)(?:\s|$)/
const NUMBER = /^-?\d+(?:\.\d+)?$/
const STATS = /^count (-?\d+), average (-?\d+), total (-?\d+)$/
const ATTACHING = /^Attaching (\d+) probes?\.\.\.$/
const LOST = /^Lost (\d+) events$/
/** what time() prints by default (`%H:%M:%S`); -f json sends it as a `time` record */
const TIME = /^\d\d:\d\d:\d\d$/

export function parseTextPiece(piece: Uint8Array, out: PieceTables, options: ParserOptions): void {
  const text = pieceText(piece)
  const garbage = firstGarbageLine(text)
  if (garbage > 0) {
    const start = lineByteStart(piece, garbage)
    throw new TraceInputError('bpftrace text output', excerptAt(piece, start), garbage, start)
  }
  const maps = new MapEntryWriter(out)
  const histogram = new HistogramRows(out, histogramUnitOf(options.unit))
  const printf = new PrintfLines(out, options.columns, options.table)
  let inHistogram = false
  /** a multi-line key being read: map name, first line, key lines so far */
  let openKey: { name: string, line: number, lines: string[] } | null = null

  const entry = (name: string, key: string, value: string, keyed: boolean): void => {
    const v = value.trim()
    if (v === '') {
      histogram.begin(name, maps.keyLabel(key))
      inHistogram = true
      return
    }
    if (NUMBER.test(v)) return maps.number(name, key, Number(v), 'value', keyed)
    const stats = STATS.exec(v)
    if (stats !== null) return maps.stats(name, key, Number(stats[1]), Number(stats[2]), Number(stats[3]))
    maps.other(name, key, v)
  }

  out.lines = pieceLines(text, (line, lineNo) => {
    if (openKey !== null) {
      const c = line[0]
      if (c === ' ' || c === '\t' || c === ',' || c === ']' || line === '') {
        const close = line.lastIndexOf(']:')
        if (close < 0) return void openKey.lines.push(line)
        openKey.lines.push(line.slice(0, close))
        const { name, lines } = openKey
        openKey = null
        return entry(name, lines.join('\n'), line.slice(close + 2), true)
      }
      noteWarning(out, openKey.line, `map key of ${openKey.name} not closed by \`]:\`; skipped`)
      openKey = null
    }
    if (inHistogram) {
      const m = BUCKET.exec(line)
      if (m !== null) {
        const bounds = textBucketBounds(m[1])
        if (bounds === null) noteWarning(out, lineNo, `histogram bucket label ${m[1]} not understood; skipped`)
        else histogram.add(bounds, Number(m[2]), lineNo)
        return
      }
      inHistogram = false
    }
    if (line === '') return
    const name = line[0] === '@' ? MAP_NAME.exec(line)![0] : ''
    if (name !== '') {
      const rest = line.slice(name.length)
      if (rest[0] === ':') return entry(name, '', rest.slice(1), false)
      if (rest[0] === '[') {
        const close = rest.lastIndexOf(']:')
        if (close >= 0) return entry(name, rest.slice(1, close), rest.slice(close + 2), true)
        if (/[[,]\s*$/.test(rest)) {
          openKey = { name, line: lineNo, lines: [rest.slice(1)] }
          return
        }
      }
    }
    const m = line[0] === 'A' ? ATTACHING.exec(line) : line[0] === 'L' ? LOST.exec(line) : null
    if (m !== null) return line[0] === 'A' ? writeAttachedProbes(out, Number(m[1])) : writeLost(out, Number(m[1]))
    if (line.length === 8 && TIME.test(line)) return writeNotice(out, TIME_EVENT, line)
    printf.line(line, lineNo)
  })
  maps.end()
  if (openKey !== null) noteWarning(out, (openKey as { line: number }).line, 'map key cut off at the end of the input; skipped')
}
