// Test helpers: a PieceTables table as plain rows, a sample's callchain as printed frames, and
// input parsed in the pieces its framer cuts (as the driver does).
import { DictColumn, NumberColumn, U64Column, Utf8Column } from '../../tables/column-builders.js'
import { PieceTables } from '../../tables/piece-tables.js'
import type { TableName } from '../../tables/schema.js'
import type { Parser, ParserOptions } from '../parser.js'
import { bpftraceParser } from './bpftrace-parser.js'

const decoder = new TextDecoder()
type Cell = number | string | bigint | null

function cell(col: NumberColumn | U64Column | DictColumn | Utf8Column, i: number): Cell {
  const bytes = col.validity.bytes
  if (bytes !== null && bytes[i] === 0) return null
  if (col instanceof DictColumn) return col.dictionary.strings[col.indices[i]]
  if (col instanceof Utf8Column) return decoder.decode(col.bytes.subarray(col.offsets[i], col.offsets[i + 1]))
  if (col instanceof U64Column) return (BigInt(col.halves[i * 2 + 1]) << 32n) | BigInt(col.halves[i * 2])
  return col.values[i]
}

/** Rows without `seq` (the input order the builders number), which tests compare apart. */
export function tableRows(out: PieceTables, table: TableName): Record<string, Cell>[] {
  const b = out.table(table)
  const columns = b.list.filter((c) => c.spec.type !== 'seq')
  const rows: Record<string, Cell>[] = []
  for (let i = 0; i < b.length; i++) rows.push(Object.fromEntries(columns.map((c) => [c.spec.name, cell(c, i)])))
  return rows
}

/** Pieces cut by the parser's framer from windows of `chunkBytes`, each parsed on its own. */
export function parseInPieces(bytes: Uint8Array, chunkBytes: number, options: ParserOptions = {}, parser: Parser = bpftraceParser): PieceTables[] {
  const framer = parser.createFramer(options)
  const pieces: PieceTables[] = []
  let start = 0
  let end = Math.min(bytes.length, chunkBytes)
  while (start < bytes.length) {
    const cut = framer.cut(bytes.subarray(start, end), end === bytes.length)
    if (cut === 0) {
      end = Math.min(bytes.length, end + chunkBytes)
      continue
    }
    const out = new PieceTables()
    parser.parsePiece(bytes.subarray(start, start + cut), framer.context(), out, options)
    pieces.push(out)
    start += cut
    end = Math.min(bytes.length, start + chunkBytes)
  }
  return pieces
}

export const rowsOf = (pieces: PieceTables[], table: TableName): Record<string, Cell>[] => pieces.flatMap((p) => tableRows(p, table))

/** Frames of a stack node, outermost first, each as `symbol+offset` (or the symbol alone). */
export function framesOutermostFirst(out: PieceTables, stackId: number | null): string[] {
  const frames = tableRows(out, 'frame')
  const path: string[] = []
  for (let node = stackId ?? -1; node >= 0; node = out.stackNodes.parents[node]) {
    const f = frames[out.stackNodes.frames[node]]
    path.push(f.offset === null ? String(f.symbol) : `${f.symbol}+${f.offset}`)
  }
  return path.reverse()
}
