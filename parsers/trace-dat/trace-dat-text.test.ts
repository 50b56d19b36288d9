// Where the transcoded text is split into chunks. The pieces of an ingest are cut where the
// chunks end, so the dataset's batches depend on it: every chunk but the last ends with the
// line that brings it to 2^20 UTF-16 code units (what the datasets written so far were cut by).
import { describe, expect, it } from 'vitest'
import { openFileSource } from './random-access-source.js'
import { traceDatAsReportText } from './trace-dat-text.js'

const WIDE_MIX = new URL('../../fixtures/trace-dat/wide-mix.dat', import.meta.url).pathname

/** Chunk lengths in bytes as the rule gives them, from the whole text. */
function expectedChunkBytes(text: string): number[] {
  const out: number[] = []
  let chars = 0
  let bytes = 0
  let at = 0
  for (;;) {
    const nl = text.indexOf('\n', at)
    if (nl < 0) break
    // The first record (the version and cpus lines) is one line of the rule: it ends at cpus=.
    const end = at === 0 ? text.indexOf('\n', nl + 1) + 1 : nl + 1
    const line = text.slice(at, end)
    chars += line.length
    bytes += Buffer.byteLength(line)
    at = end
    if (chars >= 1 << 20) {
      out.push(bytes)
      chars = 0
      bytes = 0
    }
  }
  if (bytes > 0) out.push(bytes)
  return out
}

describe('traceDatAsReportText chunks', () => {
  it('end with the line that reaches 2^20 code units', async () => {
    const src = await openFileSource(WIDE_MIX)
    const chunks: Uint8Array[] = []
    try {
      for await (const c of traceDatAsReportText(src)) chunks.push(Uint8Array.from(c))
    } finally {
      await src.close()
    }
    const text = Buffer.concat(chunks).toString('utf8')
    expect(text).toMatch(/^version = \d+\ncpus=\d+\n/)
    expect(chunks.length).toBeGreaterThan(2)
    expect(chunks.map((c) => c.length)).toEqual(expectedChunkBytes(text))
  })
})
