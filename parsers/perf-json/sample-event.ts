// Which event a perf JSON sample is. The JSON never names it: with one recorded event that is
// the answer; with several, a newer perf's tracepoint fields (a sample's keys beyond
// timestamp/pid/tid/cpu/comm/callchain) tell them apart by their names; perf 6.1 writes no
// fields, and its samples of a multi-event recording can only be named by the whole list.
import { isTracepoint } from './recorded-events.js'

export interface SampleEvent {
  /** `system:event` or the event as given to perf record; alternatives joined by `|` when the JSON cannot tell. */
  name: string
  tracepoint: boolean
}

/** Field names (sorted, comma-joined) of the tracepoints that have typed tables, as the kernel's format files list them. */
const FIELDS_OF: Record<string, string> = {
  'sched:sched_switch': 'next_comm,next_pid,next_prio,prev_comm,prev_pid,prev_prio,prev_state',
  'sched:sched_wakeup': 'comm,pid,prio,target_cpu',
  'sched:sched_wakeup_new': 'comm,pid,prio,target_cpu',
  'sched:sched_waking': 'comm,pid,prio,target_cpu',
  'sched:sched_migrate_task': 'comm,dest_cpu,orig_cpu,pid,prio',
  'sched:sched_process_fork': 'child_comm,child_pid,parent_comm,parent_pid',
  'sched:sched_process_exit': 'comm,pid,prio',
  'raw_syscalls:sys_enter': 'args,id',
  'raw_syscalls:sys_exit': 'id,ret',
  'irq:irq_handler_entry': 'irq,name',
  'irq:irq_handler_exit': 'irq,ret',
  'timer:hrtimer_expire_entry': 'function,hrtimer,now',
  'timer:hrtimer_expire_exit': 'hrtimer',
}

export class SampleEventResolver {
  private readonly byFields = new Map<string, SampleEvent>()
  private readonly patterns: RegExp[]

  /** events: the recording's selectors (globs allowed); chosen: a name the user gave for every sample. */
  constructor(private readonly events: readonly string[], private readonly chosen?: string) {
    this.patterns = events.map(globPattern)
  }

  /** fields: the sample's tracepoint field names, sorted and comma-joined ('' for none). */
  resolve(fields: string): SampleEvent {
    let known = this.byFields.get(fields)
    if (known === undefined) {
      known = this.choose(fields)
      this.byFields.set(fields, known)
    }
    return known
  }

  private choose(fields: string): SampleEvent {
    if (this.chosen !== undefined) return event(this.chosen)
    const exact = this.events.filter((e) => !/[*?]/.test(e))
    if (this.events.length === 1 && exact.length === 1) return event(exact[0])
    if (fields !== '') {
      const matches = Object.keys(FIELDS_OF).filter((n) => FIELDS_OF[n] === fields && this.patterns.some((p) => p.test(n)))
      if (matches.length > 0) return { name: matches.join('|'), tracepoint: true }
      const others = this.events.filter((e) => isTracepoint(e) && FIELDS_OF[e] === undefined)
      if (others.length > 0) return { name: others.join('|'), tracepoint: true }
    }
    return { name: this.events.join('|'), tracepoint: this.events.length > 0 && this.events.every(isTracepoint) }
  }
}

function event(name: string): SampleEvent {
  return { name, tracepoint: isTracepoint(name) }
}

function globPattern(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`)
}
