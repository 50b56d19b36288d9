#!/usr/bin/env node
// The command line: a thin layer over the library API (src/index.ts).
import { Command, CommanderError } from 'commander'
import { DatasetDirError } from '../tables/dataset-writer.js'
import { InputError, UsageError } from './errors.js'
import { analyzeCommand } from './commands/analyze-command.js'
import { checkCommand } from './commands/check-command.js'
import { compareCommand } from './commands/compare-command.js'
import { flamegraphCommand } from './commands/flamegraph-command.js'
import { foldCommand } from './commands/fold-command.js'
import { infoCommand } from './commands/info-command.js'
import { ingestCommand } from './commands/ingest-command.js'

const program = new Command('exotrace')
  .description('kernel traces (perf, ftrace/trace-cmd, bpftrace) into Arrow tables, latency distributions and spec verdicts')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })

ingestCommand(program)
infoCommand(program)
analyzeCommand(program)
checkCommand(program)
compareCommand(program)
foldCommand(program)
flamegraphCommand(program)

try {
  await program.parseAsync(process.argv)
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2)
  if (e instanceof UsageError || e instanceof InputError || e instanceof DatasetDirError) {
    process.stderr.write(`exotrace: ${e.message}\n`)
    process.exit(2)
  }
  // Not the input's fault: a bug in exotrace. Say so, with the stack, so it can be reported.
  process.stderr.write(`exotrace: internal error: ${e instanceof Error ? e.stack : String(e)}\n`)
  process.exit(70)
}
