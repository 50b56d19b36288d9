// The input formats exotrace reads, in the order detection asks them: the most specific first
// (trace.dat by its magic; perf JSON and bpftrace JSON before generic JSON lines; ftrace
// before perf script text).
import { bpftraceParser } from '../../parsers/bpftrace/bpftrace-parser.js'
import { ftraceTextParser } from '../../parsers/ftrace-text/index.js'
import { jsonlParser } from '../../parsers/jsonl/jsonl-parser.js'
import type { Parser } from '../../parsers/parser.js'
import { perfJsonParser } from '../../parsers/perf-json/perf-json-parser.js'
import { perfScriptParser } from '../../parsers/perf-script/perf-script-parser.js'
import { traceDatParser } from '../../parsers/trace-dat/trace-dat-parser.js'
import { UsageError } from '../errors.js'

export const PARSERS: readonly Parser[] = [traceDatParser, perfJsonParser, bpftraceParser, jsonlParser, ftraceTextParser, perfScriptParser]

export function parserByName(format: string): Parser {
  const p = PARSERS.find((x) => x.format === format)
  if (p === undefined) throw new UsageError(`unknown format '${format}'; known: ${PARSERS.map((x) => x.format).join(', ')}`)
  return p
}
