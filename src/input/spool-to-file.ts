// A stream written to a temporary file, for formats read by random access (trace.dat) that
// arrive on stdin or compressed. The file is removed when the process exits.
import { createWriteStream, rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'

export async function spoolToFile(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'exotrace-spool-'))
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'input')
  await pipeline(Readable.from(chunks), createWriteStream(path))
  return path
}
