// `exotrace fold`: folded stacks on stdout, in stackcollapse-perf.pl's order and with its options.
import { Option, type Command } from 'commander'
import { writeFoldedText } from '../../analyses/fold/folded-text.js'
import { missingInlineTool } from '../../analyses/fold/inline-frames.js'
import { UsageError } from '../errors.js'
import { foldTrace, foldWarnings, type FoldTraceOptions } from '../flamegraph/fold-trace.js'
import { parseTailCriterion } from '../flamegraph/tail-criterion.js'
import { readOptionsOf, withReadOptions } from './read-options.js'

/** The folding options shared by `fold` and `flamegraph`. */
export function withFoldOptions(cmd: Command): Command {
  return withReadOptions(cmd)
    .option('--pid', 'process name with its pid: comm-PID')
    .option('--tid', 'process name with pid and tid: comm-PID/TID')
    .option('--kernel', 'mark kernel frames with _[k]')
    .option('--jit', 'mark JIT frames (/tmp/perf-PID.map) with _[j]')
    .option('--all', '--kernel and --jit')
    .option('--addrs', 'unknown symbols as [dso <addr>]')
    .option('--inline', 'expand frames of programs and libraries into the functions inlined there (addr2line -i)')
    .option('--context', 'with --inline: file:line after each function')
    .option('--event-filter <event>', 'count only this event (default: the first event seen)')
    .addOption(new Option('--count <what>', 'weigh a stack by the summed sample periods, as stackcollapse-perf.pl does, or by samples')
      .choices(['period', 'samples']).default('period'))
    .option('--offcpu', 'off-CPU stacks: each sched_switch call chain weighed by the ns until its task ran again')
    .option('--tail <span>', 'only samples inside the slowest 1% of a span (wakeup, syscall, irq, ...): SPAN, SPAN:p99.9 or SPAN>2ms')
}

export function foldOptionsOf(o: Record<string, unknown>): FoldTraceOptions {
  if (o.eventFilter === '') throw new UsageError('--event-filter: expected an event name')
  if (o.offcpu === true && (o.eventFilter !== undefined || o.count === 'samples')) {
    throw new UsageError('--offcpu weighs sched_switch stacks by time: --event-filter and --count samples do not apply')
  }
  if (o.context === true && o.inline !== true) throw new UsageError('--context adds source lines to --inline: give --inline too')
  if (o.inline === true) requireInlineTools()
  return {
    pid: o.pid === true, tid: o.tid === true, kernel: o.kernel === true, jit: o.jit === true, all: o.all === true,
    addrs: o.addrs === true, inline: o.inline === true, context: o.context === true, eventFilter: o.eventFilter as string | undefined, count: o.count as 'period' | 'samples',
    offcpu: o.offcpu === true,
    tail: o.tail === undefined ? undefined : parseTailCriterion(String(o.tail)),
  }
}

function requireInlineTools(): void {
  const missing = missingInlineTool()
  if (missing !== null) throw new UsageError(`--inline runs addr2line and nm; ${missing} is not on the PATH: install binutils`)
}

export function foldCommand(program: Command): void {
  withFoldOptions(program.command('fold')
    .description('folded stacks (frame;frame;frame count) for flame graphs, as FlameGraph stackcollapse-perf.pl writes them')
    .argument('<input>', "trace file, '-' for stdin, or a dataset folder"))
    .action(async (input: string, o: Record<string, unknown>) => {
      const { folded, tail } = await foldTrace(input, foldOptionsOf(o), readOptionsOf(o))
      for (const w of foldWarnings(folded, tail)) process.stderr.write(`exotrace fold: ${w}\n`)
      await writeFoldedText(folded, process.stdout)
    })
}
