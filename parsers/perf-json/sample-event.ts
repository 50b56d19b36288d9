// Which event a perf JSON sample is. The JSON never names it (data-convert-json.c writes
// no event, no period). With one recorded event that is the answer. With several:
//  - a newer perf's tracepoint fields (keys beyond timestamp/pid/tid/cpu/comm/callchain)
//    name the tracepoint by their names;
//  - perf 6.1 writes no fields, but a tracepoint sample's first callchain entry is where the
//    tracepoint fired: `__traceiter_<event>` (kernels since 5.10, when several probes share
//    it) or, when perf's probe is the only one and the static call goes to it directly, the
//    function that fires it (KERNEL_CALL_SITES, seen on Linux 6.18);
//  - otherwise the sample is named by the recorded events joined with `|`.
import { isTracepoint } from './recorded-events.js'

export interface SampleEvent {
  /** `system:event` or the event as given to perf record; alternatives joined by `|` when the JSON cannot tell. */
  name: string
  tracepoint: boolean
}

/**
 * Field names (sorted, comma-joined) of the tracepoints that have typed tables, as the
 * kernel's format files list them; several where kernels differ (sched_wakeup's `success`
 * before 4.x, sched_process_exit's `group_dead` on 6.x).
 */
const FIELDS_OF: Record<string, string[]> = {
  'sched:sched_switch': ['next_comm,next_pid,next_prio,prev_comm,prev_pid,prev_prio,prev_state'],
  'sched:sched_wakeup': ['comm,pid,prio,target_cpu', 'comm,pid,prio,success,target_cpu'],
  'sched:sched_wakeup_new': ['comm,pid,prio,target_cpu', 'comm,pid,prio,success,target_cpu'],
  'sched:sched_waking': ['comm,pid,prio,target_cpu', 'comm,pid,prio,success,target_cpu'],
  'sched:sched_migrate_task': ['comm,dest_cpu,orig_cpu,pid,prio'],
  'sched:sched_process_fork': ['child_comm,child_pid,parent_comm,parent_pid'],
  'sched:sched_process_exit': ['comm,pid,prio', 'comm,group_dead,pid,prio'],
  'raw_syscalls:sys_enter': ['args,id'],
  'raw_syscalls:sys_exit': ['id,ret'],
  'irq:irq_handler_entry': ['irq,name'],
  'irq:irq_handler_exit': ['irq,ret'],
  'timer:hrtimer_expire_entry': ['function,hrtimer,now'],
  'timer:hrtimer_expire_exit': ['hrtimer'],
}

/** Kernel functions that fire exactly one tracepoint (the leaf of its samples' callchains when perf's probe is called directly). */
const KERNEL_CALL_SITES: Record<string, string> = {
  __schedule: 'sched:sched_switch',
  syscall_trace_enter: 'raw_syscalls:sys_enter',
  syscall_exit_work: 'raw_syscalls:sys_exit',
}

const TRACEITER = '__traceiter_'

export class SampleEventResolver {
  private readonly cache = new Map<string, SampleEvent>()
  private readonly patterns: RegExp[]
  /** True when a sample's fields or leaf symbol can change its event. */
  readonly needsEvidence: boolean

  /** events: the recording's selectors (globs allowed); chosen: a name the user gave for every sample. */
  constructor(private readonly events: readonly string[], private readonly chosen?: string) {
    this.patterns = events.map(globPattern)
    this.needsEvidence = chosen === undefined && !(events.length === 1 && !/[*?]/.test(events[0]))
  }

  /** fields: the sample's tracepoint field names, comma-joined ('' for none); leafSymbol: its callchain's first symbol. */
  resolve(fields: string, leafSymbol: string | null): SampleEvent {
    const key = this.needsEvidence ? `${fields}\0${leafSymbol ?? ''}` : ''
    let known = this.cache.get(key)
    if (known === undefined) {
      known = this.choose(fields, leafSymbol)
      this.cache.set(key, known)
    }
    return known
  }

  private choose(fields: string, leafSymbol: string | null): SampleEvent {
    if (this.chosen !== undefined) return { name: this.chosen, tracepoint: isTracepoint(this.chosen) }
    if (!this.needsEvidence) return { name: this.events[0], tracepoint: isTracepoint(this.events[0]) }
    const recorded = (name: string): boolean => this.patterns.some((p) => p.test(name))
    const byLeaf = this.firedAt(leafSymbol)
    if (fields !== '') {
      const sorted = fields.split(',').sort().join(',')
      const matches = Object.keys(FIELDS_OF).filter((n) => FIELDS_OF[n].includes(sorted) && recorded(n))
      if (byLeaf !== null && matches.includes(byLeaf)) return { name: byLeaf, tracepoint: true }
      if (matches.length > 0) return { name: matches.join('|'), tracepoint: true }
    }
    if (byLeaf !== null) return { name: byLeaf, tracepoint: true }
    return { name: this.events.join('|'), tracepoint: this.events.length > 0 && this.events.every(isTracepoint) }
  }

  /** The recorded tracepoint that fires where the callchain's first frame is, if one does. */
  private firedAt(leafSymbol: string | null): string | null {
    if (leafSymbol === null) return null
    const fired = leafSymbol.startsWith(TRACEITER) ? leafSymbol.slice(TRACEITER.length) : KERNEL_CALL_SITES[leafSymbol]
    if (fired === undefined) return null
    const named = fired.includes(':') ? [fired] : this.events.filter((e) => e.endsWith(`:${fired}`))
    const candidates = named.length > 0 ? named : Object.keys(FIELDS_OF).filter((n) => n.endsWith(`:${fired}`))
    const recorded = candidates.filter((n) => this.patterns.some((p) => p.test(n)))
    return recorded.length === 1 ? recorded[0] : null
  }
}

function globPattern(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`)
}
