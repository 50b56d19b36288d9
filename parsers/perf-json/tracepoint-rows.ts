// Tracepoint samples into the typed tables. perf versions after 6.1 write a tracepoint's
// fields as extra string keys of the sample, each printed by libtraceevent as the event's
// print format shows it (numbers in decimal or 0x-hex, prev_state as R/S/D/R+...); perf
// 6.1 writes none, and such a sample becomes an `event` row without args. Events without
// a typed table keep their fields in `event.args` as `key=value ...`, as perf script prints.
import type { NumberColumn } from '../../tables/column-builders.js'
import type { PieceTables } from '../../tables/piece-tables.js'

export type Fields = Record<string, unknown>

/** Where and when the sample happened, and its callchain (-1 for none). */
export interface SampleWhere {
  ts: number
  cpu: number | null
  /** null for perf's -1 (no thread known) */
  tid: number | null
  stackId: number
}

export function writeTracepointRow(name: string, fields: Fields | null, at: SampleWhere, out: PieceTables): void {
  const event = name.slice(name.indexOf(':') + 1)
  if (fields !== null) {
    switch (name) {
      case 'sched:sched_switch': return schedSwitch(fields, at, out)
      case 'sched:sched_wakeup': case 'sched:sched_wakeup_new': case 'sched:sched_waking':
        return schedWakeup(event.slice('sched_'.length), fields, at, out)
      case 'sched:sched_migrate_task': return schedMigrate(fields, at, out)
      case 'raw_syscalls:sys_enter': case 'raw_syscalls:sys_exit':
        return syscall(event === 'sys_enter', null, fields.id, fields, at, out)
    }
    // Fields alone cannot tell sched_wakeup from sched_wakeup_new (sample-event.ts): the row
    // says both, in the kind column.
    if (/^sched:sched_wak[a-z_]*(\|sched:sched_wak[a-z_]*)+$/.test(name)) {
      return schedWakeup(name.split('|').map((n) => n.slice('sched:sched_'.length)).join('|'), fields, at, out)
    }
    if (name.startsWith('syscalls:sys_enter_')) return syscall(true, event.slice(10), fields.__syscall_nr, fields, at, out)
    if (name.startsWith('syscalls:sys_exit_')) return syscall(false, event.slice(9), fields.__syscall_nr, fields, at, out)
  }
  const t = out.table('event')
  base(t.col, at)
  t.col.name.push(name)
  if (fields === null) t.col.args.pushNull()
  else t.col.args.push(keyValues(fields, ''))
  stack(t.col.stack_id, at)
}

function schedSwitch(f: Fields, at: SampleWhere, out: PieceTables): void {
  const c = out.table('sched_switch').col
  base(c, at)
  c.prev_comm.push(String(f.prev_comm))
  int(c.prev_tid, f.prev_pid)
  int(c.prev_prio, f.prev_prio)
  c.prev_state.push(String(f.prev_state))
  c.next_comm.push(String(f.next_comm))
  int(c.next_tid, f.next_pid)
  int(c.next_prio, f.next_prio)
  stack(c.stack_id, at)
}

function schedWakeup(kind: string, f: Fields, at: SampleWhere, out: PieceTables): void {
  const c = out.table('sched_wakeup').col
  base(c, at)
  c.kind.push(kind)
  c.comm.push(String(f.comm))
  int(c.wakee_tid, f.pid)
  int(c.prio, f.prio)
  int(c.target_cpu, f.target_cpu)
  stack(c.stack_id, at)
}

function schedMigrate(f: Fields, at: SampleWhere, out: PieceTables): void {
  const c = out.table('sched_migrate').col
  base(c, at)
  c.comm.push(String(f.comm))
  int(c.migrated_tid, f.pid)
  int(c.prio, f.prio)
  int(c.orig_cpu, f.orig_cpu)
  int(c.dest_cpu, f.dest_cpu)
}

function syscall(enter: boolean, name: string | null, nr: unknown, f: Fields, at: SampleWhere, out: PieceTables): void {
  const c = out.table('syscall').col
  base(c, at)
  c.phase.push(enter ? 'enter' : 'exit')
  int(c.nr, nr)
  if (name === null) c.name.pushNull()
  else c.name.push(name)
  if (enter) int(c.ret, undefined)
  else int(c.ret, f.ret)
  if (!enter) c.args.pushNull()
  else c.args.push(name === null ? String(f.args) : keyValues(f, '__syscall_nr'))
  stack(c.stack_id, at)
}

function base(c: { ts: NumberColumn, cpu: NumberColumn, tid: NumberColumn }, at: SampleWhere): void {
  c.ts.push(at.ts)
  if (at.cpu === null) c.cpu.pushNull()
  else c.cpu.push(at.cpu)
  if (at.tid === null) c.tid.pushNull()
  else c.tid.push(at.tid)
}

function stack(c: NumberColumn, at: SampleWhere): void {
  if (at.stackId < 0) c.pushNull()
  else c.push(at.stackId)
}

/** A number printed in decimal or 0x-hex; anything else is null. */
function int(c: NumberColumn, v: unknown): void {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
  if (Number.isFinite(n)) c.push(n)
  else c.pushNull()
}

function keyValues(f: Fields, skip: string): string {
  let s = ''
  for (const k in f) {
    if (k === skip) continue
    s += `${s === '' ? '' : ' '}${k}=${String(f[k])}`
  }
  return s
}
