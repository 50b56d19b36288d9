// Reads an ingested dataset folder back: meta.json and each table's record batches, streamed
// from its Arrow IPC file (never the whole table in memory).
import { createReadStream } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { RecordBatchReader, type RecordBatch } from 'apache-arrow'
import { META_FILE } from './dataset-writer.js'
import { TABLE_NAMES, type TableName } from './schema.js'

export interface Dataset {
  dir: string
  meta: Record<string, unknown>
  /** tables that have rows */
  tables: TableName[]
  batches(table: TableName): AsyncGenerator<RecordBatch>
}

export async function isDataset(dir: string): Promise<boolean> {
  return (await readdir(dir).catch(() => [] as string[])).includes(META_FILE)
}

export async function openDataset(dir: string): Promise<Dataset> {
  const meta = JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as Record<string, unknown>
  const files = new Set(await readdir(dir))
  const tables = TABLE_NAMES.filter((t) => files.has(`${t}.arrow`))
  async function* batches(table: TableName): AsyncGenerator<RecordBatch> {
    if (!files.has(`${table}.arrow`)) return
    const reader = await RecordBatchReader.from(createReadStream(join(dir, `${table}.arrow`)))
    for await (const b of reader) yield b
  }
  return { dir, meta, tables, batches }
}
