// What an event name printed by perf script stands for. Sampling events carry modifiers after
// a colon (`cpu-clock:ppp`, `cycles:uhH`); tracepoints are `system:event` (`sched:sched_switch`).
// A part after the colon made only of modifier letters is a modifier list, anything else an event.
// In tables/ because both the parsers (which event a line is) and the analyses (fold weighs a
// tracepoint's sample as one) read names by this rule.

export const EventKind = { Sample: 0, Tracepoint: 1, Record: 2 } as const
export type EventKind = (typeof EventKind)[keyof typeof EventKind]

/** perf's event modifier letters (tools/perf/util/parse-events.l). */
const MODIFIERS = /^[ukhIGHpPSDeWbR]+$/

export function eventKindOf(name: string): EventKind {
  if (name.startsWith('PERF_RECORD_')) return EventKind.Record
  const colon = name.indexOf(':')
  if (colon < 0) return EventKind.Sample
  const after = name.slice(colon + 1)
  const second = after.indexOf(':')
  return MODIFIERS.test(second < 0 ? after : after.slice(0, second)) ? EventKind.Sample : EventKind.Tracepoint
}

export function isTracepointName(name: string): boolean {
  return eventKindOf(name) === EventKind.Tracepoint
}
