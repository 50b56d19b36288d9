// The same tables as Parquet (parquet-wasm: arrow-rs compiled to WebAssembly), the form
// DuckDB, Spark and Trino read without an extension. Each Arrow file is streamed batch by
// batch into Parquet row groups, so memory stays bounded by a batch, not a table.
import { open } from 'node:fs/promises'
import { Writable } from 'node:stream'
import { RecordBatchReader, RecordBatchStreamWriter } from 'apache-arrow'
import * as parquet from 'parquet-wasm'

/** Converts `<table>.arrow` (Arrow IPC file) into `<table>.parquet` beside it. */
export async function arrowFileToParquet(arrowPath: string, parquetPath: string): Promise<void> {
  const source = await open(arrowPath, 'r')
  const target = await open(parquetPath, 'w')
  try {
    const reader = await RecordBatchReader.from(source.createReadStream())
    const batches = new ReadableStream<parquet.RecordBatch>({
      async pull(controller) {
        const next = await reader.next()
        if (next.done) {
          controller.close()
          return
        }
        // Through IPC, because the two Arrow libraries share no memory; one batch at a time.
        const ipc = RecordBatchStreamWriter.writeAll([next.value]).toUint8Array(true)
        for (const b of parquet.Table.fromIPCStream(ipc).recordBatches()) controller.enqueue(b)
      },
    })
    const props = new parquet.WriterPropertiesBuilder().setCompression(parquet.Compression.SNAPPY).build()
    const bytes = await parquet.transformParquetStream(batches, props)
    await bytes.pipeTo(Writable.toWeb(target.createWriteStream()))
  } finally {
    await source.close().catch(() => undefined)
    await target.close().catch(() => undefined)
  }
}
