// perf JSON names no event in its samples (data-convert-json.c writes timestamp, pid, tid,
// cpu, comm, callchain and, in perf versions after 6.1, a tracepoint's fields), so the
// events a sample can be come from the recording command kept in headers.cmdline.

/** perf record's event when none is given: cycles, or cpu-clock on a machine without a hardware PMU; the JSON does not say which. */
export const PERF_DEFAULT_EVENT = 'cycles|cpu-clock'

/** The event selectors of a `perf record` (or `perf trace record`) command line, in order, as written. */
export function recordedEvents(cmdline: readonly string[]): string[] {
  const args = cmdline.slice(1)
  const record = args.indexOf('record')
  if (record < 0) return []
  const events: string[] = []
  // perf trace record adds the raw syscall tracepoints itself (builtin-trace.c, trace__record).
  if (args.slice(0, record).includes('trace')) events.push('raw_syscalls:sys_enter', 'raw_syscalls:sys_exit')
  const given = eventOptions(args.slice(record + 1))
  events.push(...given)
  if (events.length === 0) events.push(PERF_DEFAULT_EVENT)
  return events
}

/** perf record's options that take a value (perf-record(1)); the workload command starts at the first other word. */
const SHORT_WITH_VALUE = 'eptrcoFmCGujkD'
const LONG_WITH_VALUE = new Set(['event', 'filter', 'pid', 'tid', 'realtime', 'count', 'output', 'freq', 'mmap-pages', 'cpu',
  'cgroup', 'uid', 'branch-filter', 'clockid', 'delay', 'call-graph', 'per-thread-mmap', 'max-size', 'mmap-flush', 'affinity', 'control', 'synth'])

function eventOptions(args: readonly string[]): string[] {
  const events: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--' || !a.startsWith('-')) break
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      const name = a.slice(2, eq < 0 ? undefined : eq)
      const value = eq >= 0 ? a.slice(eq + 1) : LONG_WITH_VALUE.has(name) ? args[++i] : undefined
      if (name === 'event' && value !== undefined) events.push(...splitEventList(value))
      continue
    }
    // A cluster of short options (-ag, -F999, -ae cycles): a value letter takes the rest, or the next word.
    for (let k = 1; k < a.length; k++) {
      if (!SHORT_WITH_VALUE.includes(a[k])) continue
      const value = k + 1 < a.length ? a.slice(k + 1) : args[++i]
      if (a[k] === 'e' && value !== undefined) events.push(...splitEventList(value))
      break
    }
  }
  return events
}

/** Splits `a,b,{c,d}` at top-level commas; commas inside `cpu/.../` terms and `{}` groups stay. */
export function splitEventList(list: string): string[] {
  const out: string[] = []
  let braces = 0
  let inTerms = false
  let start = 0
  for (let i = 0; i <= list.length; i++) {
    const c = list[i]
    if (c === '{') braces++
    else if (c === '}') braces--
    else if (c === '/') inTerms = !inTerms
    else if ((c === ',' && braces === 0 && !inTerms) || i === list.length) {
      const name = list.slice(start, i).replace(/^\{|\}(:\w+)?$/g, '')
      if (name !== '') out.push(name)
      start = i + 1
    }
  }
  return out.flatMap((e) => (e.includes(',') && !e.includes('/') ? e.split(',') : [e]))
}

/** `system:event` (a glob allowed), not `cycles:u` (an event with modifiers). */
export function isTracepoint(event: string): boolean {
  const colon = event.indexOf(':')
  return colon > 0 && !event.includes('/') && !/^[ukhIGHpPSDWe]+$/.test(event.slice(colon + 1))
}
