// ftrace text: /sys/kernel/tracing/trace and trace_pipe (any tracer, TGID and irq-info columns
// or not, any trace_clock) and `trace-cmd report` output, into the canonical tables.
import type { Parser } from '../parser.js'
import { detectFtraceText } from './detect-ftrace-text.js'
import type { FtraceContext } from './ftrace-context.js'
import { FtraceTextFramer } from './ftrace-text-framer.js'
import { parseFtracePiece } from './parse-ftrace-piece.js'

export const ftraceTextParser: Parser = {
  format: 'ftrace-text',
  description: 'ftrace text: tracefs trace / trace_pipe (nop, function, function_graph tracers) and trace-cmd report',
  detect: detectFtraceText,
  createFramer: (options) => new FtraceTextFramer(options),
  parsePiece: (piece, context, out) => parseFtracePiece(piece, context as FtraceContext, out),
}

export type { FtraceContext } from './ftrace-context.js'
export { parseFtraceText } from './parse-ftrace-text.js'
