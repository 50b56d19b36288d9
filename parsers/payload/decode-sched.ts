// sched:* payloads. The kernel's print fmt is `key=value` (perf script, ftrace); trace-cmd's
// own plugins print a compact form (`comm:pid [prio] S ==> comm:pid [prio]`), read here too.
import type { PieceTables } from '../../tables/piece-tables.js'
import { pushMaybe, pushOrNull, type EventContext, type PayloadDecoder, type StackSlot } from './event-context.js'
import { fieldKey } from './key-value-fields.js'
import { parseDecimal } from './parse-number.js'
import { PayloadTemplate } from './payload-template.js'
import { DictConstant, DictPushCache } from './dict-push-cache.js'

const SWITCH = new PayloadTemplate('prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s ==> next_comm=%s next_pid=%d next_prio=%d')
const WAKEUP = new PayloadTemplate('comm=%s pid=%d prio=%d target_cpu=%d')
const MIGRATE = new PayloadTemplate('comm=%s pid=%d prio=%d orig_cpu=%d dest_cpu=%d')
const FORK = new PayloadTemplate('comm=%s pid=%d child_comm=%s child_pid=%d')
const EXIT = new PayloadTemplate('comm=%s pid=%d prio=%d')
const EXEC = new PayloadTemplate('filename=%s pid=%d old_pid=%d')

const K = {
  prevComm: fieldKey('prev_comm'), prevPid: fieldKey('prev_pid'), prevPrio: fieldKey('prev_prio'), prevState: fieldKey('prev_state'),
  nextComm: fieldKey('next_comm'), nextPid: fieldKey('next_pid'), nextPrio: fieldKey('next_prio'),
  comm: fieldKey('comm'), pid: fieldKey('pid'), prio: fieldKey('prio'), targetCpu: fieldKey('target_cpu'),
  origCpu: fieldKey('orig_cpu'), destCpu: fieldKey('dest_cpu'), childComm: fieldKey('child_comm'), childPid: fieldKey('child_pid'),
  filename: fieldKey('filename'),
}

/** `comm:pid [prio]` read from the right, as comms may hold ':' and spaces. */
class CompactTask {
  commStart = 0
  commEnd = 0
  pid = NaN
  prio = NaN
  /** first byte after `]` */
  after = 0

  read(bytes: Uint8Array, start: number, end: number): boolean {
    let open = -1
    for (let i = start; i < end; i++) if (bytes[i] === 0x5b) { open = i; break }
    if (open < 0) return false
    let close = open + 1
    while (close < end && bytes[close] !== 0x5d) close++
    if (close >= end) return false
    this.prio = parseDecimal(bytes, open + 1, close)
    let e = open
    while (e > start && bytes[e - 1] === 0x20) e--
    let colon = e - 1
    while (colon > start && bytes[colon] !== 0x3a) colon--
    if (colon <= start) return false
    this.pid = parseDecimal(bytes, colon + 1, e)
    this.commStart = start
    this.commEnd = colon
    this.after = close + 1
    return !Number.isNaN(this.pid) && !Number.isNaN(this.prio)
  }
}

const prev = new CompactTask()
const next = new CompactTask()

const prevComm = new DictPushCache()
const prevState = new DictPushCache()
const nextComm = new DictPushCache()

export const decodeSchedSwitch: PayloadDecoder = (out, ctx, kv, bytes, start, end) => {
  if (kv.read(SWITCH, bytes, start, end)) {
    const pc = kv.find(K.prevComm, 0)
    const nc = kv.find(K.nextComm, 4)
    const prevPid = kv.int(kv.find(K.prevPid, 1))
    const nextPid = kv.int(kv.find(K.nextPid, 5))
    if (pc < 0 || nc < 0 || Number.isNaN(prevPid) || Number.isNaN(nextPid)) return false
    const st = kv.find(K.prevState, 3)
    const t = out.table('sched_switch')
    const c = t.col
    c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
    prevComm.push(c.prev_comm, bytes, kv.valueStart[pc], kv.valueEnd[pc]); c.prev_tid.push(prevPid)
    pushMaybe(c.prev_prio, kv.int(kv.find(K.prevPrio, 2)))
    if (st < 0) c.prev_state.pushNull()
    else prevState.push(c.prev_state, bytes, kv.valueStart[st], kv.valueEnd[st])
    nextComm.push(c.next_comm, bytes, kv.valueStart[nc], kv.valueEnd[nc]); c.next_tid.push(nextPid)
    pushMaybe(c.next_prio, kv.int(kv.find(K.nextPrio, 6)))
    return c.stack_id
  }
  // compact: `prev:pid [prio] S ==> next:pid [prio]`
  if (!prev.read(bytes, start, end)) return false
  let arrow = prev.after
  while (arrow + 2 < end && !(bytes[arrow] === 0x3d && bytes[arrow + 1] === 0x3d && bytes[arrow + 2] === 0x3e)) arrow++
  if (arrow + 2 >= end) return false
  let s = prev.after
  while (s < arrow && bytes[s] === 0x20) s++
  let se = arrow
  while (se > s && bytes[se - 1] === 0x20) se--
  let n = arrow + 3
  while (n < end && bytes[n] === 0x20) n++
  if (!next.read(bytes, n, end)) return false
  const c = out.table('sched_switch').col
  c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
  c.prev_comm.pushBytes(bytes, prev.commStart, prev.commEnd); c.prev_tid.push(prev.pid); c.prev_prio.push(prev.prio)
  if (se > s) c.prev_state.pushBytes(bytes, s, se)
  else c.prev_state.pushNull()
  c.next_comm.pushBytes(bytes, next.commStart, next.commEnd); c.next_tid.push(next.pid); c.next_prio.push(next.prio)
  return c.stack_id
}

function wakeup(kind: string): PayloadDecoder {
  const kindId = new DictConstant(kind)
  const comm = new DictPushCache()
  return (out, ctx, kv, bytes, start, end) => {
    let commStart: number, commEnd: number, pid: number, prio: number, target: number
    if (kv.read(WAKEUP, bytes, start, end)) {
      const cf = kv.find(K.comm, 0)
      pid = kv.int(kv.find(K.pid, 1))
      if (cf < 0 || Number.isNaN(pid)) return false
      commStart = kv.valueStart[cf]; commEnd = kv.valueEnd[cf]
      prio = kv.int(kv.find(K.prio, 2))
      target = kv.int(kv.find(K.targetCpu, 3))
    } else {
      // compact: `comm:pid [prio] [success=1] CPU:000`
      if (!prev.read(bytes, start, end)) return false
      commStart = prev.commStart; commEnd = prev.commEnd; pid = prev.pid; prio = prev.prio
      target = NaN
      for (let i = end - 1; i > prev.after; i--) {
        if (bytes[i] === 0x3a) { target = parseDecimal(bytes, i + 1, end); break }
      }
    }
    const c = out.table('sched_wakeup').col
    c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
    kindId.push(c.kind); comm.push(c.comm, bytes, commStart, commEnd); c.wakee_tid.push(pid)
    pushMaybe(c.prio, prio); pushMaybe(c.target_cpu, target)
    return c.stack_id
  }
}

export const decodeSchedWakeup = wakeup('wakeup')
export const decodeSchedWakeupNew = wakeup('wakeup_new')
export const decodeSchedWaking = wakeup('waking')

export const decodeSchedMigrate: PayloadDecoder = (out, ctx, kv, bytes, start, end) => {
  if (!kv.read(MIGRATE, bytes, start, end)) return false
  const cf = kv.find(K.comm, 0)
  const pid = kv.int(kv.find(K.pid, 1))
  const orig = kv.int(kv.find(K.origCpu, 3))
  const dest = kv.int(kv.find(K.destCpu, 4))
  if (cf < 0 || Number.isNaN(pid) || Number.isNaN(orig) || Number.isNaN(dest)) return false
  const c = out.table('sched_migrate').col
  c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
  c.comm.pushBytes(bytes, kv.valueStart[cf], kv.valueEnd[cf]); c.migrated_tid.push(pid)
  pushMaybe(c.prio, kv.int(kv.find(K.prio, 2))); c.orig_cpu.push(orig); c.dest_cpu.push(dest)
  return null
}

/** A `task` row about task `tid` (not the running task: the child of a fork, the task exiting). */
function pushTask(out: PieceTables, ctx: EventContext, tid: number, pid: number, bytes: Uint8Array,
  commStart: number, commEnd: number, change: string, parentTid: number): StackSlot {
  const c = out.table('task').col
  c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); c.tid.push(tid); pushOrNull(c.pid, pid)
  c.comm.pushBytes(bytes, commStart, commEnd); c.change.push(change); pushOrNull(c.parent_tid, parentTid)
  return null
}

export const decodeSchedFork: PayloadDecoder = (out, ctx, kv, bytes, start, end) => {
  if (!kv.read(FORK, bytes, start, end)) return false
  const parent = kv.int(kv.find(K.pid, 1))
  const cc = kv.find(K.childComm, 2)
  const child = kv.int(kv.find(K.childPid, 3))
  if (cc < 0 || Number.isNaN(child) || Number.isNaN(parent)) return false
  return pushTask(out, ctx, child, -1, bytes, kv.valueStart[cc], kv.valueEnd[cc], 'fork', parent)
}

export const decodeSchedExit: PayloadDecoder = (out, ctx, kv, bytes, start, end) => {
  if (!kv.read(EXIT, bytes, start, end)) return false
  const cf = kv.find(K.comm, 0)
  const pid = kv.int(kv.find(K.pid, 1))
  if (cf < 0 || Number.isNaN(pid)) return false
  return pushTask(out, ctx, pid, -1, bytes, kv.valueStart[cf], kv.valueEnd[cf], 'exit', -1)
}

/** The new comm is the running task's (exec renamed it before the tracepoint fired). */
export const decodeSchedExec: PayloadDecoder = (out, ctx, kv, bytes, start, end) => {
  if (!kv.read(EXEC, bytes, start, end)) return false
  const pid = kv.int(kv.find(K.pid, 1))
  const ff = kv.find(K.filename, 0)
  if (Number.isNaN(pid) || ff < 0) return false
  if (ctx.commStart >= 0) return pushTask(out, ctx, pid, ctx.pid, bytes, ctx.commStart, ctx.commEnd, 'exec', -1)
  return pushTask(out, ctx, pid, ctx.pid, bytes, kv.valueStart[ff], kv.valueEnd[ff], 'exec', -1)
}
