// A dataset's record batches read into one buffer per table file that a worker thread reuses
// from segment to segment. Reading through apache-arrow's file reader allocates each batch
// body anew (tens of MB per segment); in a worker thread those buffers are freed only when
// its garbage collector runs, which it does lazily, and the allocator keeps what the threads
// freed: with 2 workers the process's RSS rose with the dataset's length (sched-latency over
// 10^7 events: 376 MB, 10^8: 551 MB) where one thread stayed flat. Here the bytes of one batch
// (the file's schema and dictionary messages, then the batch's message) land in the reused
// buffer and decode as an Arrow stream, zero-copy: the batch views that buffer, so it must be
// done with before the next read: a worker's task result is cloned when the task ends.
import { open, type FileHandle } from 'node:fs/promises'
import { RecordBatchReader, Table, tableToIPC, type RecordBatch, type Vector } from 'apache-arrow'

interface TableFile {
  handle: FileHandle
  /** the schema message and every dictionary message, as an Arrow stream begins */
  prefix: Uint8Array
  blocks: { offset: number; bytes: number }[]
  buffer: Uint8Array
  /**
   * Per column, the dictionary the first read decoded. Every read decodes the same prefix, so
   * the same dictionaries; handing the first ones on lets their strings be decoded once
   * (arrow-to-table-data caches them by vector) instead of once per segment.
   */
  dictionaries: (Vector | undefined)[]
}

const files = new Map<string, Promise<TableFile>>()

async function tableFile(path: string): Promise<TableFile> {
  const handle = await open(path, 'r')
  const reader = await RecordBatchReader.from(handle)
  await reader.open()
  const footer = reader.footer!
  const block = (b: { offset: number | bigint; metaDataLength: number; bodyLength: number | bigint }): { offset: number; bytes: number } =>
    ({ offset: Number(b.offset), bytes: b.metaDataLength + Number(b.bodyLength) })
  const blocks = Array.from({ length: footer.numRecordBatches }, (_, i) => block(footer.getRecordBatch(i)!))
  const dictionaries = Array.from({ length: footer.numDictionaries }, (_, i) => block(footer.getDictionaryBatch(i)!))
  // The dataset writer leaves the schema message out of the file's body (the footer has it):
  // an empty stream of that schema is the schema message and the end-of-stream marker.
  const schema = tableToIPC(new Table(reader.schema), 'stream')
  const schemaBytes = schema.length - 8
  const prefix = new Uint8Array(schemaBytes + dictionaries.reduce((n, d) => n + d.bytes, 0))
  prefix.set(schema.subarray(0, schemaBytes))
  let at = schemaBytes
  for (const d of dictionaries) at += (await handle.read(prefix, at, d.bytes, d.offset)).bytesRead
  return { handle, prefix, blocks, buffer: new Uint8Array(0), dictionaries: [] }
}

/** Batch `index` of the Arrow file at `path`, valid until the next call for the same file. */
export async function readBatchReusingBuffer(path: string, index: number): Promise<RecordBatch | null> {
  let pending = files.get(path)
  if (pending === undefined) files.set(path, (pending = tableFile(path)))
  const f = await pending
  const block = f.blocks[index]
  if (block === undefined) return null
  const length = f.prefix.length + block.bytes + 8
  // The prefix goes in once per buffer: reads only ever write after it.
  if (f.buffer.length < length) {
    f.buffer = new Uint8Array(Math.ceil(length * 1.25))
    f.buffer.set(f.prefix)
  }
  const read = (await f.handle.read(f.buffer, f.prefix.length, block.bytes, block.offset)).bytesRead
  if (read !== block.bytes) throw new Error(`${path}: batch ${index} truncated (${read} of ${block.bytes} bytes)`)
  // end-of-stream marker: continuation token, then a zero length
  new DataView(f.buffer.buffer, f.buffer.byteOffset + f.prefix.length + block.bytes, 8).setBigUint64(0, 0xffffffffn, true)
  for (const batch of RecordBatchReader.from(f.buffer.subarray(0, length))) {
    batch.data.children.forEach((column, i) => {
      if (column.dictionary === undefined) return
      const first = f.dictionaries[i]
      if (first === undefined) f.dictionaries[i] = column.dictionary
      else column.dictionary = first
    })
    return batch
  }
  return null
}
