// An ingested trace on disk: one Arrow IPC file per table (written batch by batch as the
// pieces arrive, never the whole table at once) plus meta.json.
import { mkdir, open, readdir, rename, rm, writeFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { RecordBatchFileWriter, type RecordBatch } from 'apache-arrow'
import { tableSchema } from './arrow-schema.js'
import type { TableName } from './schema.js'

/** Bytes handed to a table's writer but not yet on disk, past which `write` waits. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024
const WRITE_BYTES = 1 << 20

class TableFile {
  private readonly writer = new RecordBatchFileWriter()
  private pending = 0
  private readonly pump: Promise<void>
  private failure: unknown = null

  constructor(private readonly file: FileHandle, table: TableName) {
    this.writer.reset(undefined, tableSchema(table))
    this.pump = this.drain().catch((e: unknown) => { this.failure = e })
  }

  // The writer yields every message part apart (metadata, each buffer, padding): written one
  // by one they cost a system call each; gathered to WRITE_BYTES they go out in one writev.
  private async drain(): Promise<void> {
    let parts: Uint8Array[] = []
    let size = 0
    const flush = async (): Promise<void> => {
      await this.file.writev(parts)
      this.pending -= size
      parts = []
      size = 0
    }
    for await (const chunk of this.writer) {
      parts.push(chunk)
      size += chunk.byteLength
      if (size >= WRITE_BYTES) await flush()
    }
    if (parts.length > 0) await flush()
  }

  async write(batch: RecordBatch): Promise<void> {
    if (this.failure !== null) throw this.failure
    this.writer.write(batch)
    for (const d of batch.data.children) this.pending += d.byteLength
    while (this.pending > MAX_PENDING_BYTES && this.failure === null) await new Promise((r) => setImmediate(r))
  }

  async close(): Promise<void> {
    this.writer.finish()
    await this.pump
    await this.file.close()
    if (this.failure !== null) throw this.failure
  }
}

export const META_FILE = 'meta.json'

/** The output folder cannot be used (the CLI reports it as bad usage). */
export class DatasetDirError extends Error {}

export class DatasetWriter {
  private readonly files = new Map<TableName, TableFile>()
  private readonly staging: string

  /** Writes into `dir.partial` and renames at the end, so a failed ingest leaves no dataset that looks whole. */
  constructor(readonly dir: string) {
    this.staging = `${dir}.partial`
  }

  async open(): Promise<void> {
    const existing = await readdir(this.dir).catch(() => null)
    if (existing !== null && existing.length > 0 && !existing.includes(META_FILE)) {
      throw new DatasetDirError(`${this.dir}: exists and is not an exotrace dataset; not overwriting it`)
    }
    await rm(this.staging, { recursive: true, force: true })
    await mkdir(this.staging, { recursive: true })
  }

  async write(table: TableName, batch: RecordBatch): Promise<void> {
    let f = this.files.get(table)
    if (f === undefined) {
      f = new TableFile(await open(join(this.staging, `${table}.arrow`), 'w'), table)
      this.files.set(table, f)
    }
    await f.write(batch)
  }

  /** Finishes every table, optionally adds a .parquet beside each .arrow, then publishes the folder. */
  async close(meta: object, alsoParquet = false): Promise<void> {
    for (const f of this.files.values()) await f.close()
    if (alsoParquet) {
      // Loaded only when asked for: instantiating its WebAssembly costs about a second.
      const { arrowFileToParquet } = await import('./parquet-writer.js')
      for (const table of this.files.keys()) {
        await arrowFileToParquet(join(this.staging, `${table}.arrow`), join(this.staging, `${table}.parquet`))
      }
    }
    await writeFile(join(this.staging, META_FILE), JSON.stringify(meta, null, 2) + '\n')
    await rm(this.dir, { recursive: true, force: true })
    await rename(this.staging, this.dir)
  }

  async abort(): Promise<void> {
    for (const f of this.files.values()) await f.close().catch(() => undefined)
    await rm(this.staging, { recursive: true, force: true })
  }
}
