// Options shared by every command that reads a trace.
import { Option, type Command } from 'commander'
import { UsageError } from '../errors.js'
import { defaultWorkers, type ReadOptions } from '../ingest/read-trace.js'

export function withReadOptions(cmd: Command): Command {
  return cmd
    .option('--format <name>', 'skip detection and read the input as this format')
    .addOption(new Option('--workers <n>', 'parser and analysis threads').default(defaultWorkers(), 'the number of cores'))
    .option('--columns <spec>', "bpftrace printf lines: the columns ('ts:ns,tid,comm,lat:ns') or a pattern ('{ts:ns} cpu={cpu} ...')")
    .option('--table <name>', 'bpftrace/JSON lines: write printf or JSON rows to this typed table')
    .option('--unit <unit>', "bpftrace histograms: the unit of the bounds ('us', or per map '@lat=us,@size=bytes')")
    .option('--map <spec>', "JSON lines: which fields mean what ('ts=timestamp_ns,tid=pid,event=type')")
}

const PARSER_OPTIONS = ['columns', 'table', 'unit', 'map'] as const

export function readOptionsOf(o: Record<string, unknown>): ReadOptions {
  const workers = Number(o.workers)
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers: expected a positive integer, got '${String(o.workers)}'`)
  const parserOptions = Object.fromEntries(PARSER_OPTIONS.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]))
  return { format: o.format as string | undefined, workers, parserOptions }
}
