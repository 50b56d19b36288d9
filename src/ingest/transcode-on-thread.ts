// A parser's transcode (trace.dat to report text) run on a thread of its own. On the reading
// thread, its line strings made V8 scavenge so often that the assembler's short-lived objects
// were promoted and piled up in old space between full collections: RSS climbed by ~1 MB/s
// over a 2 GB trace.dat ingest. On its own thread it also leaves that core's share to assembly.
import { Worker } from 'node:worker_threads'
import { TraceInputError, type PieceContext } from '../../parsers/parser.js'
import { compiledModule } from '../pool/ordered-pool.js'
import type { TranscodeJob, TranscodeMessage } from './transcode-worker.js'

/**
 * The transcoded chunks, as `parser.transcode` would give them on this thread; `context` gets
 * what the transcoder learned as it goes. A chunk is given back to the thread (overwritten)
 * once the next is asked for: copy what you keep.
 */
export async function* transcodeOnThread(job: TranscodeJob, context: PieceContext): AsyncGenerator<Uint8Array> {
  const worker = new Worker(compiledModule(import.meta.url, 2, 'src/ingest/transcode-worker.js'), { workerData: job })
  const arrived: TranscodeMessage[] = []
  let failed: Error | undefined
  let exited = false
  let wake: (() => void) | undefined
  const notify = (): void => { wake?.(); wake = undefined }
  worker.on('message', (m: TranscodeMessage) => { arrived.push(m); notify() })
  worker.on('error', (e: Error) => { failed = e; notify() })
  worker.on('exit', () => { exited = true; notify() })
  let lent: Uint8Array | undefined
  try {
    for (;;) {
      if (lent !== undefined) {
        worker.postMessage(lent.buffer, [lent.buffer as ArrayBuffer])
        lent = undefined
      }
      while (arrived.length === 0) {
        if (failed) throw failed
        if (exited) throw new Error('internal: the transcoding thread stopped before the end of its input')
        await new Promise<void>((resolve) => { wake = resolve })
      }
      const m = arrived.shift()!
      if (m.kind === 'input-error') throw new TraceInputError(m.expected, m.excerpt, m.line, m.byteOffset)
      if (m.kind === 'failure') throw Object.assign(new Error(m.message), { stack: m.stack })
      Object.assign(context, m.context)
      if (m.kind === 'end') return
      lent = m.bytes
      yield m.bytes
    }
  } finally {
    await worker.terminate()
  }
}
