// What a payload decoder needs from the line around the payload, and what it answers.
import type { NumberColumn } from '../../tables/column-builders.js'
import type { PieceTables } from '../../tables/piece-tables.js'
import type { KeyValueFields } from './key-value-fields.js'

/** The common fields of one event line; -1 = not printed. Reused for every line. */
export interface EventContext {
  ts: number
  cpu: number
  tid: number
  pid: number
  /** the comm of the running task, as bytes[commStart, commEnd) of the same buffer; commStart -1 = none */
  commStart: number
  commEnd: number
}

/**
 * false: payload not understood, nothing written (the caller keeps the event in `event`).
 * null: row written, its table has no stack column.
 * a column: row written except its stack_id, which the caller pushes once the callchain is read.
 */
export type StackSlot = NumberColumn | null | false

export type PayloadDecoder = (
  out: PieceTables, ctx: EventContext, kv: KeyValueFields, bytes: Uint8Array, start: number, end: number,
) => StackSlot

/** A column that takes -1 as null (cpu, tid, ... not printed). */
export function pushOrNull(col: NumberColumn, v: number): void {
  if (v < 0 || Number.isNaN(v)) col.pushNull()
  else col.push(v)
}

export function pushMaybe(col: NumberColumn, v: number): void {
  if (Number.isNaN(v)) col.pushNull()
  else col.push(v)
}
