// The transcoding thread hands on what the parser's own transcode gives on the calling thread:
// the same bytes, the same context, the same input errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TraceInputError, type PieceContext } from '../../parsers/parser.js'
import { traceDatParser } from '../../parsers/trace-dat/trace-dat-parser.js'
import { FIXTURES, REAL } from '../../test/shared-paths.js'
import { transcodeOnThread } from './transcode-on-thread.js'

const DAT = join(REAL, 'ftrace/small-top.dat')
const WIDE_MIX = join(FIXTURES, 'trace-dat/wide-mix.dat')

/** Every chunk copied before the next is asked for, as the piece cutter does. */
async function drain(chunks: AsyncIterable<Uint8Array>): Promise<{ text: Buffer; chunks: number; error?: unknown }> {
  const copies: Buffer[] = []
  try {
    for await (const c of chunks) copies.push(Buffer.from(c))
  } catch (error) {
    return { text: Buffer.concat(copies), chunks: copies.length, error }
  }
  return { text: Buffer.concat(copies), chunks: copies.length }
}

function withVersionByte(version: string): string {
  const bytes = readFileSync(DAT)
  bytes[10] = version.charCodeAt(0)
  const path = join(mkdtempSync(join(tmpdir(), 'exotrace-')), 'version.dat')
  writeFileSync(path, bytes)
  return path
}

describe('transcodeOnThread', () => {
  it.each([[DAT, 3], [WIDE_MIX, 1]])('gives the bytes and the context of the transcode on this thread: %s, %i chunk(s) in flight', async (path, inFlight) => {
    const here: PieceContext = {}
    const there: PieceContext = {}
    const inline = await drain(traceDatParser.transcode!({ path }, here))
    const threaded = await drain(transcodeOnThread({ format: 'trace-dat', path, inFlight }, there))
    // wide-mix is 3 chunks: with 1 in flight the thread goes on only with the buffers handed back.
    expect(threaded.chunks).toBe(inline.chunks)
    expect(threaded.text.equals(inline.text)).toBe(true)
    expect(there).toEqual(here)
    expect(there.trace_dat).toHaveProperty('version')
  })

  it('throws the TraceInputError the transcode throws, with its offset', async () => {
    const path = withVersionByte('8')
    const inline = await drain(traceDatParser.transcode!({ path }, {}))
    const threaded = await drain(transcodeOnThread({ format: 'trace-dat', path }, {}))
    expect(inline.error).toBeInstanceOf(TraceInputError)
    expect(threaded.error).toBeInstanceOf(TraceInputError)
    expect(threaded.error).toMatchObject({ expected: 'file version "6" or "7"', byteOffset: 10 })
    expect({ ...(threaded.error as TraceInputError) }).toEqual({ ...(inline.error as TraceInputError) })
  })
})
