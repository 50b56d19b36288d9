// Which events an input holds. Specs name events as perf does (`sched:sched_switch`);
// ftrace's text output names them without the subsystem (`sched_switch`).
import type { SummaryJson } from '../../tables/dataset-summary.js'

// The function_graph tracer writes no named events: its calls land in the func_call table.
const TABLE_EVENTS: Record<string, string> = { 'ftrace:funcgraph_entry': 'func_call', 'ftrace:funcgraph_exit': 'func_call' }

/** How many `name` events the input holds, under either name. */
export function eventCount(summary: SummaryJson, name: string): number {
  const bare = name.slice(name.indexOf(':') + 1)
  return (summary.events_by_name[name] ?? 0) + (bare === name ? 0 : summary.events_by_name[bare] ?? 0)
}

/** The events of `needs` the input does not hold. */
export function missingEvents(needs: string[], summary: SummaryJson): string[] {
  return needs.filter((e) => eventCount(summary, e) === 0 && !((summary.tables[TABLE_EVENTS[e] ?? ''] ?? 0) > 0))
}
