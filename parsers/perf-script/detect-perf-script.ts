// Is this `perf script` text? Looks at the first event line, after any `perf script --header`
// comment lines. Unlike ftrace and trace-cmd report lines (`comm-pid [cpu] ...`), a perf
// event line prints the tid as its own field after the comm.
import type { Detection } from '../parser.js'
import { HeaderLine } from './header-line.js'

const header = new HeaderLine()

export function detectPerfScript(head: Uint8Array, eof: boolean): Detection {
  let pos = 0
  while (pos < head.length) {
    let nl = head.indexOf(0x0a, pos)
    if (nl < 0) {
      if (!eof) return 'more'
      nl = head.length
    }
    let s = pos
    while (s < nl && (head[s] === 0x20 || head[s] === 0x09)) s++
    let e = nl
    if (e > s && head[e - 1] === 0x0d) e--
    for (let i = pos; i < e; i++) if (head[i] < 0x09) return 'no'
    if (s < e && head[pos] !== 0x23) {
      if (!header.read(head, s, e) || header.tid < 0) return 'no'
      return !Number.isNaN(header.ts) || header.nameStart >= 0 ? 'yes' : 'no'
    }
    pos = nl + 1
  }
  return eof ? 'no' : 'more'
}
