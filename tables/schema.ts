// The canonical tables every parser writes and every analysis reads (DESIGN.md, "The table model").
// A column type here is a storage class, chosen for the parsers' hot loops and for Arrow:
//   ts    int64 nanoseconds since the trace clock's epoch -> Arrow Timestamp(ns)
//   seq   int64 input order, filled by the builders when a row's ts is pushed
//   i32   32-bit signed integer (cpu, tid, prio, irq)
//   i64   64-bit signed integer held exactly while |v| < 2^53 (ret, bytes, period)
//   u64   64-bit unsigned held as two 32-bit halves (kernel pointers do not fit a double)
//   f64   double
//   dict  repeated string -> Arrow Dictionary<Utf8, Int32>
//   utf8  free text (payloads) -> Arrow Utf8
//   bool  -> Arrow Bool

export type ColumnType = 'ts' | 'seq' | 'i32' | 'i64' | 'u64' | 'f64' | 'dict' | 'utf8' | 'bool'

export interface ColumnSpec {
  readonly name: string
  readonly type: ColumnType
  readonly nullable: boolean
  readonly doc: string
}

// Generic so that each column keeps its literal name and type: TableBuilder's `col` is typed from them.
const col = <N extends string, T extends ColumnType>(name: N, type: T, doc: string, nullable = false) =>
  ({ name, type, nullable, doc }) as { readonly name: N; readonly type: T; readonly nullable: boolean; readonly doc: string }
const ts = col('ts', 'ts', 'event time, ns on the trace clock')
const cpu = col('cpu', 'i32', 'CPU the event was recorded on', true)
const tid = col('tid', 'i32', 'thread running when the event was recorded', true)
// Input order across tables: equal timestamps (perf script prints microseconds) keep the order
// the tool printed them in. The table builders fill it; parsers never push it.
const seq = col('seq', 'seq', 'position of the event in the input, over all tables (a task row shares the number of the event it precedes)')
const stackId = col('stack_id', 'i32', 'leaf node of the callchain in `stack`, null without callchain', true)

export const TABLES = {
  sched_switch: [ts, cpu, tid,
    col('prev_comm', 'dict', 'task switched out'), col('prev_tid', 'i32', ''), col('prev_prio', 'i32', '', true),
    col('prev_state', 'dict', 'as printed: R, R+, S, D, X, Z, I, ...', true),
    col('next_comm', 'dict', 'task switched in'), col('next_tid', 'i32', ''), col('next_prio', 'i32', '', true),
    stackId, seq],
  sched_wakeup: [ts, cpu, tid,
    col('kind', 'dict', 'wakeup | wakeup_new | waking'),
    col('comm', 'dict', 'task woken'), col('wakee_tid', 'i32', ''), col('prio', 'i32', '', true),
    col('target_cpu', 'i32', '', true), stackId, seq],
  sched_migrate: [ts, cpu, tid,
    col('comm', 'dict', 'task migrated'), col('migrated_tid', 'i32', ''), col('prio', 'i32', '', true),
    col('orig_cpu', 'i32', ''), col('dest_cpu', 'i32', ''), seq],
  task: [ts, cpu, tid,
    col('pid', 'i32', 'thread group id (process), when known', true),
    col('comm', 'dict', ''),
    col('change', 'dict', 'seen | fork | exit | exec | rename: what made this row'),
    col('parent_tid', 'i32', 'for fork: the parent thread', true), seq],
  syscall: [ts, cpu, tid,
    col('phase', 'dict', 'enter | exit'),
    col('nr', 'i32', 'syscall number, when printed', true),
    col('name', 'dict', 'syscall name, when printed (syscalls:sys_enter_NAME) or resolved', true),
    col('ret', 'i64', 'return value on exit', true),
    col('args', 'utf8', 'arguments as printed on enter', true), stackId, seq],
  irq: [ts, cpu, tid,
    col('kind', 'dict', 'irq_entry | irq_exit | softirq_raise | softirq_entry | softirq_exit'),
    col('irq', 'i32', 'hard irq number, or softirq vector'),
    col('name', 'dict', 'handler name, or softirq action (TIMER, NET_RX, ...)', true),
    col('ret', 'dict', 'irq_exit: handled | unhandled', true), seq],
  timer: [ts, cpu, tid,
    col('kind', 'dict', 'hrtimer_init | hrtimer_start | hrtimer_expire_entry | hrtimer_expire_exit | hrtimer_cancel, or timer_*'),
    col('timer', 'u64', 'timer pointer (the key pairing entry and exit)'),
    col('function', 'dict', 'callback, when printed', true),
    col('expires_ns', 'i64', '', true), col('softexpires_ns', 'i64', '', true),
    col('now_ns', 'i64', 'expire_entry: the time the timer core saw', true),
    col('mode', 'dict', '', true), seq],
  kmem: [ts, cpu, tid,
    col('kind', 'dict', 'kmalloc | kfree | kmem_cache_alloc | kmem_cache_free | mm_page_alloc | mm_page_free | ...'),
    col('call_site', 'u64', 'call site address, when printed as one (kernels before 6.x)', true),
    col('call_site_symbol', 'dict', 'call site as printed by name, sym+0xoff (6.x kernels)', true),
    col('ptr', 'u64', 'object address (slab events)', true),
    col('bytes_req', 'i64', '', true), col('bytes_alloc', 'i64', '', true),
    col('gfp_flags', 'dict', '', true), col('node', 'i32', '', true),
    col('pfn', 'u64', 'page frame number (page events)', true), col('order', 'i32', '', true),
    col('migratetype', 'i32', '', true), col('cache', 'dict', 'slab cache name, when printed', true), seq],
  sample: [ts, cpu, tid,
    col('pid', 'i32', '', true), col('comm', 'dict', ''),
    col('event', 'dict', 'sampling event (cycles, cpu-clock, or a tracepoint sampled with -g)'),
    col('period', 'i64', 'sample period (events or ns per sample)', true),
    stackId, seq],
  stack: [
    col('id', 'i32', 'node id, dense from 0'),
    col('parent', 'i32', 'caller node; null at the outermost frame', true),
    col('frame_id', 'i32', 'row of `frame`')],
  frame: [
    col('id', 'i32', 'frame id, dense from 0'),
    col('addr', 'u64', 'instruction address', true),
    col('symbol', 'dict', 'symbol as printed, offset removed ([unknown] kept)'),
    col('offset', 'i64', 'offset into the symbol (+0x..), when printed', true),
    col('dso', 'dict', 'object file, as printed in parentheses', true),
    col('inlined', 'bool', 'frame printed as inlined into its caller')],
  event: [ts, cpu, tid,
    col('name', 'dict', 'system:event as the source names it'),
    col('args', 'utf8', 'payload as printed (key=value ... for tracepoints)', true), stackId, seq],
  // function_graph prints no time unless funcgraph-abstime is on
  func_call: [col('ts', 'ts', 'entry time, ns on the trace clock; null when the tracer printed none', true), cpu, tid,
    col('depth', 'i32', 'call depth in the function_graph output (0 = outermost)'),
    col('function', 'dict', ''),
    col('duration_ns', 'i64', 'time from entry to return; null when the return was not traced', true),
    col('marker', 'dict', 'function_graph overhead mark (+ ! # * @ $) or irq marker, when printed', true), seq],
  histogram: [
    col('name', 'dict', 'histogram (map) name, e.g. @lat_ns'),
    col('key', 'utf8', 'map key of this histogram ("" for none)'),
    col('lo', 'f64', 'inclusive lower bound; -Infinity for an underflow bucket'),
    col('hi', 'f64', 'exclusive upper bound; Infinity for an overflow bucket'),
    col('count', 'i64', ''),
    col('unit', 'dict', 'unit of lo/hi (ns, us, ms, bytes, ...) when known', true)],
  map_value: [
    col('name', 'dict', 'map name, e.g. @calls'),
    col('key', 'utf8', 'key as printed ("" for a scalar map)'),
    col('kind', 'dict', 'count | sum | avg | min | max | stats_count | stats_avg | stats_total | value'),
    col('value', 'f64', '')],
  lost: [
    col('ts', 'ts', 'when the loss was noticed', true), cpu,
    col('count', 'i64', 'events lost; null when the source only says that some were lost', true), seq],
} as const satisfies Record<string, readonly ColumnSpec[]>

export type TableName = keyof typeof TABLES
export const TABLE_NAMES = Object.keys(TABLES) as TableName[]

export type ColumnName<T extends TableName> = (typeof TABLES)[T][number]['name']
