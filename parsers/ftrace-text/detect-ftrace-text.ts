// Is this ftrace text? Yes on a `# tracer:` header, a trace-cmd report header (`version = 6`,
// `cpus=2`), or a first data line in ftrace's own shape (`comm-pid [cpu] ts: name:`) or the
// function_graph tracer's (` 0)   1.234 us  |  foo();`). perf script prints `comm pid [cpu]`
// and `system:event`, which the event-line shape does not take.
import type { Detection } from '../parser.js'
import { EventLine } from './event-line.js'
import { GraphLine } from './function-graph-line.js'
import { classifyLine } from './line-kind.js'

const TRACER = /^#\s*tracer:/
const MAX_LINES = 64

export function detectFtraceText(head: Uint8Array, eof: boolean): Detection {
  const ev = new EventLine()
  const graph = new GraphLine()
  let s = 0
  for (let n = 0; n < MAX_LINES && s < head.length; n++) {
    const nl = head.indexOf(0x0a, s)
    if (nl < 0 && !eof) return 'more'
    const e = nl < 0 ? head.length : nl
    const kind = classifyLine(head, s, e)
    if (kind === 'trace-cmd-header') return 'yes'
    if (kind === 'comment' && TRACER.test(Buffer.from(head.buffer, head.byteOffset + s, e - s).toString('latin1'))) return 'yes'
    if (kind === 'other') {
      if (ev.parse(head, s, e) && !ev.isFunctionEntry && !nameHasSystem(head, ev.nameStart, ev.nameEnd)) return 'yes'
      if (graph.parse(head, s, e)) return 'yes'
      return 'no'
    }
    s = e + 1
  }
  return s >= head.length && !eof ? 'more' : 'no'
}

function nameHasSystem(bytes: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (bytes[i] === 0x3a) return true
  return false
}
