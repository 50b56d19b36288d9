// `exotrace ingest` and `exotrace info` as library functions.
import { readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { DatasetAssembler } from '../../tables/dataset-assembler.js'
import { DatasetWriter, META_FILE } from '../../tables/dataset-writer.js'
import type { SummaryJson } from '../../tables/dataset-summary.js'
import { DamagedInputError } from '../errors.js'
import { readTrace, type ReadOptions } from './read-trace.js'

export interface TraceMeta extends SummaryJson {
  exotrace_dataset: 1
  format: string
  source: { path: string; bytes_on_disk: number | null; compression: string | null }
  /** parser facts about the whole trace (clock, header, recording command), when it has them */
  context: Record<string, unknown>
  /** per piece of the input, the tables that have a batch for it, in file order */
  segments: string[][]
}

export interface IngestOptions extends ReadOptions {
  /** also write each table as Parquet */
  parquet?: boolean
}

/** Reads a trace and writes it as a dataset folder. */
export async function ingest(input: string, outDir: string, opts: IngestOptions = {}): Promise<TraceMeta> {
  const reader = await readTrace(input, opts)
  const writer = new DatasetWriter(outDir)
  await writer.open()
  let damage: DamagedInputError | undefined
  try {
    // The assembled batches are read by nothing but the writer: it frees them once written.
    for await (const { table, batch } of reader.batches) await writer.write(table, batch, { owned: true })
  } catch (e) {
    if (!(e instanceof DamagedInputError)) {
      await writer.abort()
      throw e
    }
    damage = e
  }
  const meta = metaOf(reader)
  await writer.close(meta, opts.parquet ?? false)
  if (damage) {
    // What was read before the damage is kept, and the damage still reported (exit code 2).
    damage.message += `; the ${meta.events} events before it are kept in ${outDir} (meta.json: context.damage)`
    throw damage
  }
  return meta
}

/** Summary of a raw trace (parsed, not written) or of a dataset folder (from its meta.json). */
export async function info(input: string, opts: ReadOptions = {}): Promise<TraceMeta> {
  if (input !== '-' && (await stat(input).catch(() => null))?.isDirectory()) {
    const metaPath = join(input, META_FILE)
    const text = await readFile(metaPath, 'utf8').catch(() => null)
    if (text !== null) return JSON.parse(text) as TraceMeta
  }
  const reader = await readTrace(input, opts)
  for await (const batch of reader.batches) void batch
  return metaOf(reader)
}

function metaOf(reader: Awaited<ReturnType<typeof readTrace>>): TraceMeta {
  const source = { path: reader.input.name === '-' ? '-' : basename(reader.input.name), bytes_on_disk: reader.input.bytesOnDisk, compression: reader.input.compression }
  return datasetMeta(reader.parser.format, source, reader.context(), reader.assembler)
}

/** meta.json of a dataset whose pieces went through `assembler`. */
export function datasetMeta(format: string, source: TraceMeta['source'], context: Record<string, unknown>, assembler: DatasetAssembler): TraceMeta {
  return { exotrace_dataset: 1, format, source, context, ...assembler.summary.toJSON(), segments: assembler.segments }
}
