// The events a check needs that an input does not hold, by the names perf gives them.
import type { SummaryJson } from '../../tables/dataset-summary.js'

// The function_graph tracer writes no named events: its calls land in the func_call table.
const TABLE_EVENTS: Record<string, string> = { 'ftrace:funcgraph_entry': 'func_call', 'ftrace:funcgraph_exit': 'func_call' }

export function missingEvents(needs: string[], summary: SummaryJson): string[] {
  return needs.filter((e) => !(summary.events_by_name[e] > 0) && !((summary.tables[TABLE_EVENTS[e] ?? ''] ?? 0) > 0))
}
