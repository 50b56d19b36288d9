// What a parser writes one piece of input into: a builder per canonical table, a callchain
// tree, and the bookkeeping (events per name, lines not understood) that `info` reports.
// A piece is parsed on its own, possibly in a worker; piece-transfer.ts ships it back and
// dataset-assembler.ts joins the pieces, in input order, into global ids and dictionaries.
import { ByteInterner } from './byte-interner.js'
import {
  columnBuilder, DictColumn, NumberColumn, resetColumn, TimestampColumn, U64Column, Utf8Column, type ColumnBuilder, type RowCounter,
} from './column-builders.js'
import { TABLES, type ColumnSpec, type ColumnType, type TableName } from './schema.js'
import { StackNodeInterner } from './stack-tree-builder.js'

type BuilderOf<T extends ColumnType> = T extends 'u64' ? U64Column : T extends 'dict' ? DictColumn
  : T extends 'utf8' ? Utf8Column : NumberColumn

export type TableColumns<T extends TableName> = {
  [C in (typeof TABLES)[T][number] as C['name']]: BuilderOf<C['type']>
}

export class TableBuilder<T extends TableName> {
  readonly col: TableColumns<T>
  readonly list: ColumnBuilder[]

  constructor(readonly name: T, counter: RowCounter) {
    const specs = TABLES[name] as readonly ColumnSpec[]
    const seq = specs.find((c) => c.type === 'seq')
    const seqColumn = seq ? new NumberColumn(seq) : null
    this.list = specs.map((spec) => spec.type === 'seq' ? seqColumn!
      : spec.type === 'ts' && seqColumn ? new TimestampColumn(spec, seqColumn, counter, name !== 'task') : columnBuilder(spec))
    this.col = Object.fromEntries(this.list.map((c) => [c.spec.name, c])) as TableColumns<T>
  }

  get length(): number {
    return this.list[0].length
  }
}

/** Lines a parser kept in `event` or skipped because it did not understand them. */
export interface UnparsedLines {
  count: number
  /** the first few, as 1-based line numbers within the piece */
  firstLines: number[]
}

export const FIRST_UNPARSED_KEPT = 5

/** A recoverable problem in the input: the line is counted as unparsed and the rest is kept. */
export interface PieceWarning {
  /** 1-based line within the piece */
  line: number
  message: string
}

export class PieceTables {
  // Values are TableBuilder<K> for their key K; the map's type cannot say so.
  private readonly builders = new Map<TableName, TableBuilder<any>>()
  /** rows so far over all tables: the next row's `seq` */
  readonly rowCounter: RowCounter = { next: 0 }
  /** Frame keys chosen by the parser (e.g. the callchain line's text): frame id = key id. */
  readonly frameKeys = new ByteInterner()
  readonly stackNodes = new StackNodeInterner()
  /** Events per name, as the source names them (sched:sched_switch, cycles, ...). */
  readonly eventNames = new ByteInterner()
  eventCounts = new Float64Array(64)
  unparsed: UnparsedLines = { count: 0, firstLines: [] }
  warnings: PieceWarning[] = []
  /** Lines in this piece (for the error and unparsed line numbers of later pieces). */
  lines = 0

  /**
   * Empty again for the next piece, keeping the grown column arrays: a worker parses piece after
   * piece, and growing every column from scratch each time is most of its garbage. What a
   * previous pieceResult took (strings, unparsed, warnings) is replaced, not cleared.
   */
  reset(): void {
    for (const t of this.builders.values()) for (const c of t.list) resetColumn(c)
    this.frameKeys.reset()
    this.stackNodes.reset()
    this.eventNames.reset()
    this.eventCounts.fill(0)
    this.unparsed = { count: 0, firstLines: [] }
    this.warnings = []
    this.lines = 0
    this.rowCounter.next = 0
  }

  table<T extends TableName>(name: T): TableBuilder<T> {
    let b: TableBuilder<T> | undefined = this.builders.get(name)
    if (b === undefined) {
      b = new TableBuilder(name, this.rowCounter)
      this.builders.set(name, b)
    }
    return b
  }

  tables(): TableBuilder<any>[] {
    return [...this.builders.values()]
  }

  countEventId(id: number): void {
    if (id >= this.eventCounts.length) {
      const next = new Float64Array(Math.max(id + 1, this.eventCounts.length * 2))
      next.set(this.eventCounts)
      this.eventCounts = next
    }
    this.eventCounts[id]++
  }

  countEventBytes(bytes: Uint8Array, start: number, end: number): void {
    this.countEventId(this.eventNames.internBytes(bytes, start, end))
  }

  countEvent(name: string): void {
    this.countEventId(this.eventNames.internString(name))
  }

  /** A line kept out of the tables with a reason the user should read (a cut-off record, a missing bucket). */
  warn(line: number, message: string): void {
    this.noteUnparsed(line)
    this.warnings.push({ line, message })
  }

  noteUnparsed(line: number): void {
    this.unparsed.count++
    if (this.unparsed.firstLines.length < FIRST_UNPARSED_KEPT) this.unparsed.firstLines.push(line)
  }
}
