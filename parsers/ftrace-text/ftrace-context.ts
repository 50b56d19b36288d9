// What the framer learns from the whole stream and hands to every piece (JSON: it goes to workers).
import type { GraphState } from './function-graph-calls.js'

export interface FtraceContext {
  [key: string]: unknown
  /** `ftrace` (the tracefs trace / trace_pipe files) or `trace-cmd` (`trace-cmd report` text) */
  source: 'ftrace' | 'trace-cmd'
  /** from `# tracer: X`, or `function_graph` when the output starts with graph lines; null when not printed */
  tracer: string | null
  /**
   * `ns`: timestamps are printed as seconds (local, global, mono, boot, perf, tai, mono_raw), read
   * exactly into ns. `count`: printed as a bare integer, the raw count of a clock that is not in
   * ns (x86-tsc, counter, uptime): kept as the count in the `ts` columns, not converted.
   */
  timestampUnit: 'ns' | 'count' | null
  /** the trace clock when the user names it (parser option `clock`), else null: the text does not say */
  clock: string | null
  /** function_graph: calls open at the start of this piece */
  graph: GraphState | null
  /** true for the piece that ends the input (open function_graph calls are then written without duration) */
  last: boolean
}
