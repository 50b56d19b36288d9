// Which decoder reads which tracepoint. Keyed by the bare event name (`sched_switch`), as
// ftrace prints it; perf's `sched:sched_switch` is looked up by its part after the system.
// Parsers call this once per distinct event name and cache the answer.
import { decodeIrqEntry, decodeIrqExit, decodeSoftirqEntry, decodeSoftirqExit, decodeSoftirqRaise } from './decode-irq.js'
import { kmemDecoder } from './decode-kmem.js'
import {
  decodeSchedExec, decodeSchedExit, decodeSchedFork, decodeSchedMigrate, decodeSchedSwitch,
  decodeSchedWakeup, decodeSchedWakeupNew, decodeSchedWaking,
} from './decode-sched.js'
import { decodeNamedSysEnter, decodeNamedSysExit, decodeRawSysEnter, decodeRawSysExit } from './decode-syscall.js'
import { timerDecoder } from './decode-timer.js'
import type { PayloadDecoder } from './event-context.js'
import { ascii } from './parse-number.js'

const KMEM = ['kmalloc', 'kmalloc_node', 'kfree', 'kmem_cache_alloc', 'kmem_cache_alloc_node', 'kmem_cache_free',
  'mm_page_alloc', 'mm_page_free', 'mm_page_free_batched', 'mm_page_alloc_zone_locked', 'mm_page_pcpu_drain']
const HRTIMER = ['hrtimer_init', 'hrtimer_setup', 'hrtimer_start', 'hrtimer_expire_entry', 'hrtimer_expire_exit', 'hrtimer_cancel']
const TIMER = ['timer_init', 'timer_start', 'timer_expire_entry', 'timer_expire_exit', 'timer_cancel']

const BY_NAME = new Map<string, PayloadDecoder>([
  ['sched_switch', decodeSchedSwitch],
  ['sched_wakeup', decodeSchedWakeup],
  ['sched_wakeup_new', decodeSchedWakeupNew],
  ['sched_waking', decodeSchedWaking],
  ['sched_migrate_task', decodeSchedMigrate],
  ['sched_process_fork', decodeSchedFork],
  ['sched_process_exit', decodeSchedExit],
  ['sched_process_exec', decodeSchedExec],
  ['irq_handler_entry', decodeIrqEntry],
  ['irq_handler_exit', decodeIrqExit],
  ['softirq_raise', decodeSoftirqRaise],
  ['softirq_entry', decodeSoftirqEntry],
  ['softirq_exit', decodeSoftirqExit],
  ['sys_enter', decodeRawSysEnter],
  ['sys_exit', decodeRawSysExit],
  ...KMEM.map((k): [string, PayloadDecoder] => [k, kmemDecoder(k)]),
  ...HRTIMER.map((k): [string, PayloadDecoder] => [k, timerDecoder(k, true)]),
  ...TIMER.map((k): [string, PayloadDecoder] => [k, timerDecoder(k, false)]),
])

/** The decoder for tracepoint `event` (bare name, no system), or null to keep it in `event`. */
export function payloadDecoderFor(event: string): PayloadDecoder | null {
  const known = BY_NAME.get(event)
  if (known !== undefined) return known
  for (const [prefix, decode] of [['sys_enter_', decodeNamedSysEnter], ['sys_exit_', decodeNamedSysExit]] as const) {
    if (event.startsWith(prefix) && event.length > prefix.length) {
      const name = ascii(event.slice(prefix.length))
      return (out, ctx, _kv, bytes, start, end) => decode(out, ctx, bytes, start, end, name, 0, name.length)
    }
  }
  return null
}
