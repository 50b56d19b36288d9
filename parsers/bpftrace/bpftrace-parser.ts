// bpftrace output, text or `-f json` (GitHub issue 4): printf lines (split by --columns, or
// key=value), maps of any key arity, hist/lhist buckets with exact bounds, stack-keyed maps
// as samples with callchains, lost events. Options: columns (printf layout), table (force a
// typed table for printf rows), unit (histogram unit when the map name does not say it).
import type { Detection, Parser, ParserOptions, PieceContext } from '../parser.js'
import { PieceTables } from '../../tables/piece-tables.js'
import { FieldRowWriter } from '../jsonl/field-row-writer.js'
import { bpftraceForm, createBpftraceFramer } from './bpftrace-framer.js'
import { printfLayout } from './printf-columns.js'
import { parseJsonPiece } from './json-piece.js'
import { parseTextPiece } from './text-piece.js'

const TEXT_START = /^(Attaching \d+ probes?\.\.\.|@\w*(\[.*\]: \S|: \S|:\s*$|\[\s*$|\[, ?$))/
const JSON_START = /^\{\s*"type"\s*:\s*"(attached_probes|map|hist|stats|printf|time|lost_events)"/
/** bpftrace's stderr, often captured with its output (2>&1) */
const DIAGNOSTIC = /^(ERROR|WARNING|WARN):/

/** The first line that is neither blank nor a diagnostic decides. */
function detect(head: Uint8Array, eof: boolean): Detection {
  const lines = new TextDecoder().decode(head).split('\n')
  const complete = eof ? lines : lines.slice(0, -1)
  for (const line of complete) {
    if (line.trim() === '' || DIAGNOSTIC.test(line)) continue
    return TEXT_START.test(line) || JSON_START.test(line) ? 'yes' : 'no'
  }
  return eof ? 'no' : 'more'
}

function parsePiece(piece: Uint8Array, context: PieceContext, out: PieceTables, options: ParserOptions): void {
  const form = context.form ?? bpftraceForm(piece)
  if (form === 'json') parseJsonPiece(piece, out, options)
  else parseTextPiece(piece, out, options)
}

/** Throws an Error naming the bad option (columns, table), for the CLI to report as bad usage before any input is read. */
export function checkBpftraceOptions(options: ParserOptions): void {
  printfLayout(options.columns)
  void new FieldRowWriter(new PieceTables(), '', options.table)
}

export const bpftraceParser: Parser = {
  format: 'bpftrace',
  description: 'bpftrace output, text or -f json: printf lines (--columns), maps, hist/lhist, stack maps, lost events',
  detect,
  checkOptions: checkBpftraceOptions,
  createFramer: createBpftraceFramer,
  parsePiece,
}
