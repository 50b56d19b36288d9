// The rows of a segment that carry a callchain, as folding reads them: perf samples (the
// `sample` table: perf script, perf JSON, bpftrace stack maps), or, in a segment with no
// sample rows, every event whose row holds a stack (ftrace `<stack trace>` blocks, which
// attach to the event they follow). A perf tracepoint recorded with -g has both a sample
// row and a stack on its typed row; reading only the sample rows counts it once.
import type { TableData } from '../../tables/piece-transfer.js'
import { TABLES, type TableName } from '../../tables/schema.js'
import { rowsBySeq } from '../rows-by-seq.js'
import { dictColumn, int32Column, int64Column, type Segment } from '../segment.js'
import { isTracepointName } from '../../tables/event-kind.js'

export interface StackRows {
  rows: number
  /** ns */
  ts: Float64Array
  comm: string[]
  /** -1: not printed */
  pid: Int32Array
  tid: Int32Array
  /** null: perf printed no event name */
  event: (string | null)[]
  /** NaN: no period */
  period: Float64Array
  /** -1: no callchain */
  stackId: Int32Array
  /**
   * 1: name frames with no `(dso)` by their symbol. stackcollapse-perf.pl drops such frames,
   * a rule for perf's lines only: ftrace stacks and aggregates with no thread nor CPU (bpftrace
   * map entries) never print a dso.
   */
  bareFrames: Uint8Array
  /**
   * 1: a tracepoint sampled with its call chain. perf script prints its fields after the event
   * name, so stackcollapse-perf.pl does not recognize the event: the sample is never filtered by
   * event and weighs 1.
   */
  tracepoint: Uint8Array
  /**
   * 1: stackcollapse-perf.pl cannot read the event line: perf printed the thread as `:-1 -1`
   * (an exiting thread it could not resolve), so the script drops the sample. (When the line
   * also prints a period, the script reads all before it as the process name; not followed.)
   */
  unreadable: Uint8Array
}

// The perf-script parser's event name when the line printed none.
const UNNAMED_EVENT = '[unknown]'
// perf's name for a thread it could not resolve, printed with thread id -1.
const UNRESOLVED_THREAD = ':-1'

export function stackRowsOf(segment: Segment): StackRows {
  const samples = segment.tables.sample
  if (samples !== undefined && samples.rows > 0) return sampleRows(samples)
  return eventRows(segment)
}

function sampleRows(t: TableData): StackRows {
  const comm = dictColumn(t, 'comm')
  const event = dictColumn(t, 'event')
  const cpu = int32Column(t, 'cpu')
  const tid = int32Column(t, 'tid')
  const out: StackRows = {
    rows: t.rows,
    ts: int64Column(t, 'ts'),
    comm: new Array(t.rows),
    pid: int32Column(t, 'pid'),
    tid,
    event: new Array(t.rows),
    period: int64Column(t, 'period'),
    stackId: int32Column(t, 'stack_id'),
    bareFrames: new Uint8Array(t.rows),
    tracepoint: new Uint8Array(t.rows),
    unreadable: new Uint8Array(t.rows),
  }
  const tracepointEvents = event.strings.map(isTracepointName)
  for (let r = 0; r < t.rows; r++) {
    out.comm[r] = comm.ids[r] < 0 ? '' : comm.strings[comm.ids[r]]
    const name = event.ids[r] < 0 ? UNNAMED_EVENT : event.strings[event.ids[r]]
    out.event[r] = name === UNNAMED_EVENT ? null : name
    if (event.ids[r] >= 0 && tracepointEvents[event.ids[r]]) out.tracepoint[r] = 1
    if (tid[r] < 0 && cpu[r] < 0) out.bareFrames[r] = 1
    if (tid[r] < 0 && out.comm[r] === UNRESOLVED_THREAD) out.unreadable[r] = 1
  }
  return out
}

/** Tables other than `sample` whose rows can carry a stack. */
export const STACK_TABLES = (Object.keys(TABLES) as TableName[]).filter(
  (name) => name !== 'sample' && TABLES[name].some((c) => c.name === 'stack_id'),
)

/** Events with a stack, in input order, named by their `system:event` (typed tables: the table name). */
function eventRows(segment: Segment): StackRows {
  const tables = STACK_TABLES.map((name) => segment.tables[name])
  // (a column's buffer may be longer than its rows: Arrow pads buffers)
  const stacks = tables.map((t) => (t === undefined ? new Int32Array(0) : int32Column(t, 'stack_id' as never).subarray(0, t.rows)))
  const rows = stacks.reduce((n, s) => n + s.reduce((k, id) => k + (id >= 0 ? 1 : 0), 0), 0)
  const out: StackRows = {
    rows, ts: new Float64Array(rows), comm: new Array(rows), pid: new Int32Array(rows), tid: new Int32Array(rows), event: new Array(rows),
    period: new Float64Array(rows).fill(NaN), stackId: new Int32Array(rows), bareFrames: new Uint8Array(rows).fill(1),
    tracepoint: new Uint8Array(rows), unreadable: new Uint8Array(rows),
  }
  if (rows === 0) return out
  const tasks = taskNames(segment.tables.task)
  const tids = tables.map((t) => (t === undefined ? new Int32Array(0) : int32Column(t, 'tid' as never)))
  const names = tables.map((t) => (t === undefined ? null : eventNames(t)))
  const times = tables.map((t) => (t === undefined ? new Float64Array(0) : int64Column(t, 'ts' as never)))
  const order = rowsBySeq(tables)
  let k = 0
  for (let step = 0; step < order.row.length; step++) {
    const ti = order.table[step]
    const r = order.row[step]
    if (stacks[ti][r] < 0) continue
    const tid = tids[ti][r]
    const task = tasks.get(tid)
    const eventNames = names[ti]
    out.comm[k] = task?.comm ?? '<...>' // ftrace's name for a thread whose comm it did not record
    out.pid[k] = task?.pid ?? -1
    out.tid[k] = tid
    out.event[k] = eventNames === null ? STACK_TABLES[ti] : eventNames.ids[r] < 0 ? null : eventNames.strings[eventNames.ids[r]]
    out.stackId[k] = stacks[ti][r]
    out.ts[k] = times[ti][r]
    k++
  }
  return out
}

/**
 * The tracepoint names of a table's rows where one table holds several (sched_wakeup: wakeup,
 * wakeup_new, waking; syscall: enter, exit); null: the table's name is the event's.
 */
function eventNames(t: TableData): { ids: Int32Array; strings: string[] } | null {
  if (t.name === 'event') return dictColumn(t, 'name')
  if (t.name === 'sched_wakeup') {
    const kind = dictColumn(t, 'kind')
    return { ids: kind.ids, strings: kind.strings.map((k) => `sched_${k}`) }
  }
  if (t.name === 'syscall') {
    const phase = dictColumn(t, 'phase')
    return { ids: phase.ids, strings: phase.strings.map((p) => `sys_${p}`) }
  }
  return null
}

/**
 * Each thread's last name in the segment, and its process when a row gave one (fork and exit
 * rows may not: they keep the one known). Parsers note a thread once per piece.
 */
export function taskNames(t: TableData | undefined): Map<number, { comm: string; pid: number }> {
  const names = new Map<number, { comm: string; pid: number }>()
  if (t === undefined) return names
  const tid = int32Column(t, 'tid')
  const pid = int32Column(t, 'pid')
  const comm = dictColumn(t, 'comm')
  for (let r = 0; r < t.rows; r++) {
    if (tid[r] < 0) continue
    const known = pid[r] >= 0 ? pid[r] : names.get(tid[r])?.pid ?? -1
    names.set(tid[r], { comm: comm.ids[r] < 0 ? '' : comm.strings[comm.ids[r]], pid: known })
  }
  return names
}
