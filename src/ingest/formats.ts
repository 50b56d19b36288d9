// The input formats exotrace reads, in the order detection asks them (most specific first).
import type { Parser } from '../../parsers/parser.js'
import { perfScriptParser } from '../../parsers/perf-script/perf-script-parser.js'
import { UsageError } from '../errors.js'

export const PARSERS: readonly Parser[] = [perfScriptParser]

export function parserByName(format: string): Parser {
  const p = PARSERS.find((x) => x.format === format)
  if (p === undefined) throw new UsageError(`unknown format '${format}'; known: ${PARSERS.map((x) => x.format).join(', ')}`)
  return p
}
