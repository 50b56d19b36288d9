import type { Command } from 'commander'
import { stat } from 'node:fs/promises'
import { ingest } from '../ingest/ingest.js'
import { progressBar } from '../report/progress.js'
import { formatBytes, formatCount, formatDurationNs } from '../report/format-units.js'
import { printWarnings } from '../report/print-warnings.js'
import { readOptionsOf, withReadOptions } from './read-options.js'

export function ingestCommand(program: Command): void {
  withReadOptions(program.command('ingest')
    .description('parse a trace into a dataset folder: one Arrow IPC file per table, plus meta.json')
    .argument('<input>', "trace file, or '-' for stdin (gzip and zstd are recognised by their magic bytes)")
    .requiredOption('-o, --output <dir>', 'dataset folder to write')
    .option('--parquet', 'also write every table as Parquet (for DuckDB, Spark, Trino)'))
    .action(async (input: string, o: Record<string, unknown>) => {
      const started = performance.now()
      const size = input === '-' ? null : (await stat(input).catch(() => null))?.size ?? null
      const bar = progressBar('ingest', size)
      const meta = await ingest(input, o.output as string, { ...readOptionsOf(o), parquet: Boolean(o.parquet), onProgress: bar.update })
        .finally(() => bar.stop())
      printWarnings(input, meta)
      const seconds = (performance.now() - started) / 1000
      const tables = Object.keys(meta.tables).length
      const span = meta.start_ns !== null && meta.end_ns !== null ? formatDurationNs(meta.end_ns - meta.start_ns) : 'no'
      const rate = size !== null && meta.source.compression === null ? `, ${formatBytes(size / seconds)}/s` : ''
      console.log(`${o.output}: ${formatCount(meta.events)} events (${meta.format}) in ${tables} tables, ${span} span, ` +
        `${meta.cpus.length} CPUs, ${formatCount(meta.lost.events)} lost, ${formatCount(meta.unparsed.count)} unparsed lines; ` +
        `${seconds.toFixed(2)} s${rate}`)
    })
}
