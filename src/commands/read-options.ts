// Options shared by every command that reads a trace.
import { Option, type Command } from 'commander'
import { UsageError } from '../errors.js'
import { defaultWorkers, type ReadOptions } from '../ingest/read-trace.js'

export function withReadOptions(cmd: Command): Command {
  return cmd
    .option('--format <name>', 'skip detection and read the input as this format')
    .addOption(new Option('--workers <n>', 'parser and analysis threads').default(defaultWorkers(), 'the number of cores'))
}

export function readOptionsOf(o: Record<string, unknown>): ReadOptions {
  const workers = Number(o.workers)
  if (!Number.isInteger(workers) || workers < 1) throw new UsageError(`--workers: expected a positive integer, got '${String(o.workers)}'`)
  return { format: o.format as string | undefined, workers }
}
