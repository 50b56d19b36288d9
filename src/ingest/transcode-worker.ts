// The thread a transcoding parser (trace.dat) runs on: it sends its text chunks to the reading
// thread, at most IN_FLIGHT ahead, in buffers that come back once their chunk is copied into a
// piece.
import { parentPort, workerData } from 'node:worker_threads'
import { TraceInputError, type PieceContext } from '../../parsers/parser.js'
import { parserByName } from './formats.js'
import { SpareBuffers } from './spare-buffers.js'

export interface TranscodeJob {
  format: string
  path: string
  /** chunks sent and not yet handed back; default IN_FLIGHT */
  inFlight?: number
}

export type TranscodeMessage =
  | { kind: 'chunk'; bytes: Uint8Array; context: PieceContext }
  | { kind: 'end'; context: PieceContext }
  | { kind: 'input-error'; expected: string; excerpt: string; line: number | null; byteOffset: number | null }
  | { kind: 'failure'; message: string; stack: string | undefined }

/** Chunks sent and not yet handed back: enough that the reader never waits for the next one. */
export const IN_FLIGHT = 3
const SLACK_BYTES = 64 << 10

async function run(job: TranscodeJob, port: NonNullable<typeof parentPort>): Promise<void> {
  const inFlight = job.inFlight ?? IN_FLIGHT
  const spares = new SpareBuffers(inFlight)
  let credits = inFlight
  let wake: (() => void) | undefined
  port.on('message', (buffer: ArrayBuffer) => {
    spares.giveBack(new Uint8Array(buffer))
    credits++
    wake?.()
  })
  const context: PieceContext = {}
  const parser = parserByName(job.format)
  try {
    for await (const chunk of parser.transcode!({ path: job.path }, context)) {
      while (credits === 0) await new Promise<void>((resolve) => { wake = resolve })
      credits--
      // Chunks are about the same size; slack makes a spare fit the next ones.
      const bytes = spares.take(chunk.length, chunk.length + SLACK_BYTES).subarray(0, chunk.length)
      bytes.set(chunk)
      port.postMessage({ kind: 'chunk', bytes, context } satisfies TranscodeMessage, [bytes.buffer])
    }
    port.postMessage({ kind: 'end', context } satisfies TranscodeMessage)
  } catch (e) {
    port.postMessage((e instanceof TraceInputError
      ? { kind: 'input-error', expected: e.expected, excerpt: e.excerpt, line: e.line, byteOffset: e.byteOffset }
      : { kind: 'failure', message: (e as Error).message, stack: (e as Error).stack }) satisfies TranscodeMessage)
  }
  port.close()
}

if (parentPort !== null) await run(workerData as TranscodeJob, parentPort)
