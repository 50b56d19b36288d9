// The name stackcollapse-perf.pl (FlameGraph 41fee1f) writes for one callchain line. Each
// rule below is the script's observable behaviour, checked against its output on the
// FlameGraph, inferno and speedscope corpora (test/fold-conformance.test.ts).
import { inlineChain, mayInline } from './inline-frames.js'
import type { FoldFrame } from './sample-record.js'

export interface FrameNameOptions {
  /** `--kernel`: `_[k]` after frames whose dso starts with `[` or ends in `vmlinux` (not `[unknown]`). */
  kernel: boolean
  /** `--jit`: `_[j]` after frames from `/tmp/perf-PID.map`. */
  jit: boolean
  /** `--addrs`: `[dso <addr>]` instead of `[dso]` for unknown symbols. */
  addrs: boolean
  /** `--inline`: frames of files expanded into the functions inlined at their address (addr2line). */
  inline: boolean
  /** `--context`: with `--inline`, `file:line` after each function. */
  context: boolean
}

const TRAILING_OFFSET = /\+0x[\da-f]+$/
const GO_METHOD = /\.\(.*\)\./s
// Everything from the first `(` on is an argument list (C++ signatures, Java descriptors),
// except the `(anonymous namespace)` of C++ names.
const ARGUMENT_LIST = /\((?!anonymous namespace\)).*/s
const QUOTES = /["']/g
const JIT_MAP = /\/tmp\/perf-\d+\.map/

/**
 * The `;`-joined name(s) of one frame (several when perf printed an inline chain `a->b`),
 * or null when the script drops the frame: no `(dso)` on the line, a symbol starting with
 * `(`, or nothing left of the symbol. `javaComm`: the process name starts with `java`,
 * which turns on the script's stripping of the `L` of JVM class names.
 */
export function foldedFrameName(frame: FoldFrame, javaComm: boolean, options: FrameNameOptions): string | null {
  const split = symbolAndDso(frame)
  if (split === null) return null // the script does not recognize the line
  let raw = split.raw
  const dso = split.dso
  if (options.inline && frame.addr !== null) {
    const chain = inlineChain(frame.addr, raw, dso, options.context)
    if (chain !== null) return chain
  }
  raw = raw.replace(TRAILING_OFFSET, '')
  if (raw.startsWith('(')) return null
  const pieces = raw.split('->')
  while (pieces.length > 0 && pieces[pieces.length - 1] === '') pieces.pop() // Perl's split drops trailing empty fields
  if (pieces.length === 0) return null
  const kernelFrame = options.kernel && (dso.startsWith('[') || dso.endsWith('vmlinux')) && !dso.includes('unknown')
  const jitFrame = options.jit && JIT_MAP.test(dso)
  for (let i = 0; i < pieces.length; i++) {
    let name = pieces[i]
    if (name === '[unknown]') {
      const known = dso === '[unknown]' ? 'unknown' : dso.slice(dso.lastIndexOf('/') + 1)
      name = options.addrs ? `[${known} <${frame.addr ?? ''}>]` : `[${known}]`
    }
    name = name.replaceAll(';', ':')
    if (!GO_METHOD.test(name)) name = name.replace(ARGUMENT_LIST, '')
    name = name.replace(QUOTES, '')
    if (javaComm && name.startsWith('L') && name.includes('/')) name = name.slice(1)
    if (i > 0) {
      if (!name.includes('_[i]')) name += '_[i]'
    } else if (kernelFrame) {
      name += '_[k]'
    } else if (jitFrame && !name.includes('_[j]')) {
      name += '_[j]'
    }
    pieces[i] = name
  }
  return pieces.join(';')
}

/** The symbol as printed (offset included) and the dso, as the script reads `SYMBOL (DSO)`; null without a dso. */
function symbolAndDso(frame: FoldFrame): { raw: string; dso: string } | null {
  // The script reads an empty symbol (`ADDR  (DSO)`, old perf) as one space.
  const raw = frame.offset !== null ? `${frame.symbol}+${frame.offset}` : frame.symbol || ' '
  const dso = frame.inlined ? 'inlined' : frame.dso
  if (dso === null) return null
  // It splits at the last ` (`: a dso such as `libx.so (deleted)` leaves `SYMBOL (libx.so` as
  // the symbol and `deleted)` as the dso.
  const split = dso.lastIndexOf(' (')
  return split < 0 ? { raw, dso } : { raw: `${raw} (${dso.slice(0, split)}`, dso: dso.slice(split + 2) }
}

/** The (dso, address) addr2line is asked about for this frame under `--inline`, or null. */
export function inlineQuestion(frame: FoldFrame): [dso: string, pc: string] | null {
  const split = frame.addr === null ? null : symbolAndDso(frame)
  return split === null || !mayInline(split.dso) ? null : [split.dso, frame.addr!]
}

/** True when the frame's name depends on its address (so a cache keyed without it must not keep it). */
export function nameUsesAddr(frame: FoldFrame, options: FrameNameOptions): boolean {
  return (options.addrs && (frame.symbol.includes('[unknown]') || frame.dso?.includes('[unknown]') === true)) ||
    (options.inline && frame.addr !== null && mayInline(frame.dso))
}

/**
 * The name of a frame that printed no `(dso)` where that is normal (ftrace `=> func`,
 * bpftrace `sym+off`, `0x...`): its symbol, offset removed, with the folded format's
 * separator `;` replaced as the script replaces it.
 */
export function bareFrameName(frame: FoldFrame): string {
  return frame.symbol === '' ? '[unknown]' : frame.symbol.replaceAll(';', ':')
}
