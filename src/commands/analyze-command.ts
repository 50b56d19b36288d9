import type { Command } from 'commander'
import { ANALYSES } from '../analyze/analysis-registry.js'
import { paramsFor } from '../analyze/analysis-params.js'
import { runAnalyses } from '../analyze/run-analyses.js'
import { InputError } from '../errors.js'
import { renderAnalysis } from '../report/render-analysis.js'
import { damageText } from '../report/damage-text.js'
import { printWarnings } from '../report/print-warnings.js'
import { readOptionsOf, withReadOptions } from './read-options.js'

export function analyzeCommand(program: Command): void {
  withReadOptions(program.command('analyze')
    .description('compute an analysis over a trace or dataset')
    .argument('<input>', "trace file, '-' for stdin, or a dataset folder")
    .argument('<analysis>', ANALYSES.map((a) => `${a.name}: ${a.description}`).join('; '))
    .option('--span <name>', 'spans: syscall | irq | softirq | hrtimer | wakeup | funcgraph')
    .option('--begin <event>', 'spans: event that begins your own span (system:name)')
    .option('--end <event>', 'spans: event that ends it')
    .option('--key <fields>', "spans: fields that pair begin and end: cpu, tid, or payload keys")
    .option('--group-by <field>', 'spans: payload field to group your own span by')
    .option('--arch <arch>', 'syscall numbers of this architecture: x86_64 (default) or aarch64')
    .option('--task <spec>', 'edf: a periodic task NAME_OR_TID:RUNTIME,DEADLINE,PERIOD, durations with their unit (dl_a:6ms,8ms,20ms); repeatable',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--rt-app <file>', 'edf: the periodic tasks of an rt-app JSON task file')
    .option('--jobs', 'edf: list every job')
    .option('--cpu <n>', 'fairness: the tasks that ran on this CPU (by default the busiest; either way a first pass over the input chooses them: a raw trace is parsed twice)')
    .option('--tids <tids>', 'fairness: these threads, separated by commas (one pass over the input, so standard input works)')
    .option('--comm <patterns>', 'fairness: the competing threads (chosen by a first pass over the input); sched-latency: the threads whose delays make the distribution (comm, * and ? wildcards, separated by commas)')
    .option('--window <switches>', 'fairness: context switches per sliding window', '1000')
    .option('--min-share <pct>', 'fairness: with --cpu or by default, least share of the CPU a competing task has', '1')
    .option('--buddyinfo <file>', 'fragmentation: a /proc/buddyinfo snapshot from the start of the trace, to seed the free lists')
    .option('--interval <duration>', 'fragmentation: time between free-list samples (e.g. 100ms)', '1s')
    .option('--relative-error <pct>', 'histogram relative error in %', '0.1')
    .option('--name <map>', 'histogram: only the bpftrace histogram of this map (e.g. @usecs)')
    .option('--json', 'print the result as JSON'))
    .action(async (input: string, analysis: string, o: Record<string, unknown>) => {
      const params = paramsFor(analysis, o)
      const run = await runAnalyses(input, [{ name: analysis, params }], readOptionsOf(o))
      const out = run.outputs[0]
      printWarnings(input, run.summary)
      if (out.result === null) {
        throw new InputError(input, null, `the events ${analysis} needs: ${out.needs.events.join(', ')}; record them with: ${out.needs.record.join(' | ')}`,
          `${run.format} trace with ${run.summary.events} events of other kinds`)
      }
      console.log(o.json ? JSON.stringify({ format: run.format, analysis, params, result: out.result }, null, 2) : renderAnalysis(analysis, out.result))
      const damage = run.coverage.input_damage
      if (damage) {
        process.stderr.write(`warning: ${input}: read from an input ${damageText(damage)}: the result covers only the events read before the damage\n`)
      }
    })
}
