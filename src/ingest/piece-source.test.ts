// A trace.dat is detected from its byte stream, then read by random access: the stream must
// not stay open behind it (Node closes such a handle on garbage collection, with a warning).
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REAL } from '../../test/shared-paths.js'
import { openPieceSource } from './piece-source.js'

const openFiles = (): number => readdirSync('/proc/self/fd').length

describe.runIf(process.platform === 'linux')('openPieceSource', () => {
  it('leaves no file open once the pieces of a trace.dat are read', async () => {
    const before = openFiles()
    const source = await openPieceSource(join(REAL, 'ftrace/small-top.dat'))
    let bytes = 0
    for await (const p of source.pieces) bytes += p.bytes.length
    expect(bytes).toBeGreaterThan(1e6)
    expect(openFiles()).toBe(before)
  })
})
