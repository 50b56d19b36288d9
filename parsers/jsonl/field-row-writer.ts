// Writes one record of named fields (a printf line split by the user's columns, a JSON object
// renamed by --map) into the canonical tables: into a typed table when the field names say
// which one (every required column of that table present, no field it has no column for),
// else into `event` with the fields kept as `key=value` args. Shared by the bpftrace printf
// reader and the jsonl parser.
import type { DictColumn, NumberColumn, U64Column, Utf8Column } from '../../tables/column-builders.js'
import type { PieceTables } from '../../tables/piece-tables.js'
import { TABLES, type ColumnSpec, type TableName } from '../../tables/schema.js'
import { noteWarning } from './parse-warning.js'
import { taskStateText } from './task-state-text.js'

export type FieldValue = string | number | boolean | null | object

/** name null: a positional token, kept as printed in `args`. */
export interface Field {
  name: string | null
  value: FieldValue
  /** `name=value` as printed, when it came from text: args keep it as is */
  raw?: string
}

/** The tables a record of named fields can land in: timed, and without callchain-only columns. */
const TYPED_TABLES: readonly TableName[] = ['sched_switch', 'sched_wakeup', 'sched_migrate', 'task', 'syscall', 'irq', 'timer', 'kmem', 'func_call']
const ROW_CONTEXT = new Set(['ts', 'cpu', 'tid'])

function typedTableFor(names: readonly string[]): TableName | null {
  if (names.length === 0) return null
  for (const table of TYPED_TABLES) {
    const columns = TABLES[table] as readonly ColumnSpec[]
    const has = new Set(columns.map((c) => c.name))
    if (!names.every((n) => has.has(n) && !ROW_CONTEXT.has(n))) continue
    if (columns.every((c) => c.nullable || c.type === 'seq' || ROW_CONTEXT.has(c.name) || names.includes(c.name))) return table
  }
  return null
}

type Converted = number | string | bigint | null

function convert(spec: ColumnSpec, value: FieldValue): Converted | undefined {
  if (value === null) return spec.nullable ? null : undefined
  if (spec.name === 'prev_state' && (typeof value === 'number' || /^\d+$/.test(String(value)))) return taskStateText(Number(value))
  switch (spec.type) {
    case 'dict':
    case 'utf8':
      return typeof value === 'object' ? JSON.stringify(value) : String(value)
    case 'u64': {
      if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : undefined
      if (typeof value !== 'string' || !/^(0x[0-9a-f]{1,16}|\d+)$/i.test(value)) return undefined
      const v = BigInt(value)
      return v < 2n ** 64n ? v : undefined
    }
    case 'bool':
      if (value === true || value === 1 || value === 'true' || value === '1') return 1
      if (value === false || value === 0 || value === 'false' || value === '0') return 0
      return undefined
    default: {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
      return Number.isFinite(n) ? n : undefined
    }
  }
}

function pushConverted(col: NumberColumn | U64Column | DictColumn | Utf8Column, v: Converted): void {
  if (v === null) col.pushNull()
  else if (typeof v === 'bigint') (col as U64Column).pushBigInt(v)
  else if (typeof v === 'string') (col as DictColumn | Utf8Column).push(v)
  else (col as NumberColumn).push(v)
}

/** A value as `args` prints it: bare when it has no space, quote or `=`, else JSON-quoted. */
export function argText(value: FieldValue): string {
  if (typeof value === 'string') return value !== '' && !/[\s"=]/.test(value) ? value : JSON.stringify(value)
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

function argsText(fields: readonly Field[]): string {
  let text = ''
  for (const f of fields) {
    const arg = f.raw ?? (f.name === null ? String(f.value) : `${f.name}=${argText(f.value)}`)
    text = text === '' ? arg : `${text} ${arg}`
  }
  return text
}

export class FieldRowWriter {
  /** a table the user named (option `table`); null = choose by the field names */
  private readonly forcedTable: TableName | null
  private readonly choices = new Map<string, TableName | null>()
  private readonly commOfTid = new Map<number, string>()
  /** the last record's field names and table: consecutive records mostly share them */
  private lastNames: string[] = []
  private lastTable: TableName | null = null
  /** the last event name and its ids (name dictionary, event counts): records mostly repeat it */
  private lastEvent: string | null = null
  private lastEventIds: [number, number] = [0, 0]

  /** Throws when `table` is not a table a record of fields can fill (bad usage). */
  constructor(
    private readonly out: PieceTables,
    /** event name when the record names none */
    private readonly defaultEvent: string,
    table: unknown = undefined,
  ) {
    if (table !== undefined && table !== null && !TYPED_TABLES.includes(table as TableName)) {
      throw new Error(`table '${String(table)}' is not one of ${TYPED_TABLES.join(', ')}`)
    }
    this.forcedTable = (table as TableName | undefined) ?? null
  }

  /** tsNs NaN = the record has no time (written as 0); cpu, tid NaN = null. */
  write(tsNs: number, cpu: number, tid: number, event: string | null, fields: readonly Field[], line: number): void {
    if (!Number.isNaN(tid)) this.noteTask(tsNs, cpu, tid, fields)
    const table = this.tableFor(fields)
    if (table !== null && this.writeTyped(table, tsNs, cpu, tid, fields)) {
      this.out.countEvent(event ?? table)
      return
    }
    if (table !== null) noteWarning(this.out, line, `fields do not fit table ${table} (a value of the wrong type); kept in event`)
    const name = event ?? this.defaultEvent
    const c = this.out.table('event').col
    c.ts.push(Number.isNaN(tsNs) ? 0 : tsNs)
    pushNumberOrNull(c.cpu, cpu)
    pushNumberOrNull(c.tid, tid)
    if (name !== this.lastEvent) {
      this.lastEvent = name
      this.lastEventIds = [c.name.dictionary.internString(name), this.out.eventNames.internString(name)]
    }
    c.name.pushId(this.lastEventIds[0])
    if (fields.length === 0) c.args.pushNull()
    else c.args.push(argsText(fields))
    c.stack_id.pushNull()
    this.out.countEventId(this.lastEventIds[1])
  }

  /**
   * A record with a thread and a `comm` field names that thread: a `task` row (change `seen`)
   * the first time the piece sees the thread, or sees it under another name, as the perf and
   * ftrace parsers write them.
   */
  private noteTask(tsNs: number, cpu: number, tid: number, fields: readonly Field[]): void {
    let comm: string | null = null
    let pid = NaN
    for (const f of fields) {
      if (f.name === 'comm' && typeof f.value === 'string') comm = f.value
      else if (f.name === 'pid') pid = Number(f.value)
    }
    if (comm === null || this.commOfTid.get(tid) === comm) return
    this.commOfTid.set(tid, comm)
    const c = this.out.table('task').col
    c.ts.push(Number.isNaN(tsNs) ? 0 : tsNs)
    pushNumberOrNull(c.cpu, cpu)
    c.tid.push(tid)
    pushNumberOrNull(c.pid, Number.isInteger(pid) ? pid : NaN)
    c.comm.push(comm)
    c.change.push('seen')
    c.parent_tid.pushNull()
  }

  private tableFor(fields: readonly Field[]): TableName | null {
    if (this.forcedTable !== null) return this.forcedTable
    const last = this.lastNames
    let same = last.length === fields.length
    for (let i = 0; same && i < fields.length; i++) same = fields[i].name === last[i]
    if (same) return this.lastTable
    if (fields.some((f) => f.name === null)) return null
    const names = fields.map((f) => f.name as string)
    const key = names.join('\0')
    let table = this.choices.get(key)
    if (table === undefined) {
      table = typedTableFor(names)
      this.choices.set(key, table)
    }
    this.lastNames = names
    this.lastTable = table
    return table
  }

  private writeTyped(table: TableName, tsNs: number, cpu: number, tid: number, fields: readonly Field[]): boolean {
    // seq is numbered by the ts column itself
    const specs = (TABLES[table] as readonly ColumnSpec[]).filter((c) => c.type !== 'seq')
    const values: Converted[] = []
    for (const spec of specs) {
      if (spec.name === 'ts') values.push(Number.isNaN(tsNs) ? 0 : tsNs)
      else if (spec.name === 'cpu') values.push(Number.isNaN(cpu) ? null : cpu)
      else if (spec.name === 'tid') values.push(Number.isNaN(tid) ? null : tid)
      else {
        const field = fields.find((f) => f.name === spec.name)
        const v = field === undefined ? (spec.nullable ? null : undefined) : convert(spec, field.value)
        if (v === undefined) return false
        values.push(v)
      }
    }
    const columns = this.out.table(table).list.filter((c) => c.spec.type !== 'seq')
    columns.forEach((col, i) => pushConverted(col, values[i]))
    return true
  }
}

function pushNumberOrNull(col: NumberColumn, v: number): void {
  if (Number.isNaN(v)) col.pushNull()
  else col.push(v)
}
