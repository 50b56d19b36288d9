// Folded stacks as text, one `stack count` line each, in the order `foldStacks.finish` gives
// (the script's: code point order of the stacks), which is what flamegraph.pl and inferno
// read. Lines go out in chunks of about 64 KiB, waiting for the stream to drain when it asks.
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import type { FoldedStacks } from './fold-stacks.js'

const CHUNK_CHARS = 1 << 16

/** Writes every line and resolves when the stream has taken them; does not end the stream. */
export async function writeFoldedText(
  folded: Pick<FoldedStacks, 'stacks' | 'counts'>,
  out: Writable,
  encoding: BufferEncoding = 'utf8',
): Promise<void> {
  let chunk = ''
  for (let i = 0; i < folded.stacks.length; i++) {
    chunk += `${folded.stacks[i]} ${folded.counts[i]}\n`
    if (chunk.length >= CHUNK_CHARS || i === folded.stacks.length - 1) {
      if (!out.write(chunk, encoding)) await drained(out)
      chunk = ''
    }
  }
}

async function drained(out: Writable): Promise<void> {
  // `once` rejects on 'error'; a stream closed without one would never drain.
  const stop = new AbortController()
  try {
    await Promise.race([
      once(out, 'drain', { signal: stop.signal }),
      once(out, 'close', { signal: stop.signal }).then(() => {
        throw new Error('fold: the output closed before all folded lines were written')
      }),
    ])
  } finally {
    stop.abort()
  }
}
