// An ingested trace on disk: one Arrow IPC file per table (written batch by batch as the
// pieces arrive, never the whole table at once) plus meta.json.
import { mkdir, open, readdir, rename, rm, writeFile, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import { RecordBatchFileWriter, type RecordBatch } from 'apache-arrow'
import { tableSchema } from './arrow-schema.js'
import type { TableName } from './schema.js'

/** Bytes handed to a table's writer but not yet on disk, past which `write` waits. */
const MAX_PENDING_BYTES = 8 * 1024 * 1024
const WRITE_BYTES = 1 << 20

/**
 * Bytes the writer has queued so far: where the last batch written ends in the file. Reads
 * apache-arrow's protected `_position` (no public accessor): check it when upgrading arrow;
 * dataset-writer.test.ts reads the written batches back and fails if it goes wrong.
 */
class PositionedWriter extends RecordBatchFileWriter {
  get position(): number {
    return this._position
  }
}

let dropPort: MessagePort | null = null

/**
 * Frees buffers at once: posted to a port whose peer is closed, they are detached and dropped.
 * Left to the garbage collector, tens of MB of written batches wait for V8's next full GC (it
 * counts their bytes late), and the thread arena of the worker that allocated them grows by as
 * much: that was a third of an ingest's peak RSS.
 */
function freeBuffers(buffers: ArrayBuffer[]): void {
  if (dropPort === null) {
    const { port1, port2 } = new MessageChannel()
    port2.close()
    port1.unref()
    dropPort = port1
  }
  dropPort.postMessage(null, buffers)
}

/** The buffers of a batch's columns (not their dictionaries, which later batches share). */
function columnBuffers(batch: RecordBatch): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>()
  for (const d of batch.data.children) {
    for (const view of [d.values, d.valueOffsets, d.nullBitmap] as (ArrayBufferView | undefined)[]) {
      if (view?.buffer instanceof ArrayBuffer && view.buffer.byteLength > 0) out.add(view.buffer)
    }
  }
  return [...out]
}

class TableFile {
  private readonly writer = new PositionedWriter()
  private pending = 0
  /** Owned batches not yet on disk: their buffers and where they end in the file, in file order. */
  private readonly owned: { end: number; buffers: ArrayBuffer[] }[] = []
  private written = 0
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
      this.written += size
      parts = []
      size = 0
      while (this.owned.length > 0 && this.owned[0].end <= this.written) freeBuffers(this.owned.shift()!.buffers)
    }
    for await (const chunk of this.writer) {
      parts.push(chunk)
      size += chunk.byteLength
      if (size >= WRITE_BYTES) await flush()
    }
    if (parts.length > 0) await flush()
  }

  async write(batch: RecordBatch, owned: boolean): Promise<void> {
    if (this.failure !== null) throw this.failure
    this.writer.write(batch)
    if (owned) this.owned.push({ end: this.writer.position, buffers: columnBuffers(batch) })
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

  /**
   * Appends `batch` to its table's file. `owned`: nothing else reads the batch's column buffers
   * any more, so the writer frees them as soon as they are on disk (they are detached then).
   */
  async write(table: TableName, batch: RecordBatch, { owned = false } = {}): Promise<void> {
    let f = this.files.get(table)
    if (f === undefined) {
      f = new TableFile(await open(join(this.staging, `${table}.arrow`), 'w'), table)
      this.files.set(table, f)
    }
    await f.write(batch, owned)
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
