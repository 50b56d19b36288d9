// writeFoldedText: the bytes stackcollapse-perf.pl writes, through a slow stream.
import { readFileSync } from 'node:fs'
import { Writable } from 'node:stream'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { foldStacks } from '../analyses/fold/fold-stacks.js'
import { writeFoldedText } from '../analyses/fold/folded-text.js'
import { perfScriptSamples } from './perf-script-samples.js'
import { SHARED } from './shared-paths.js'


/** A stream that takes one small chunk at a time, asynchronously, so writes must wait for 'drain'. */
function slowSink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk)
      setImmediate(done)
    },
  })
  return { stream, bytes: () => Buffer.concat(chunks) }
}

describe('writeFoldedText', () => {
  it.each([
    { input: 'corpora/flamegraph/example-perf-stacks.txt.gz', expected: 'corpora/inferno/collapse-perf/results/example-perf-stacks-collapsed.txt' },
    { input: 'fixtures-real/cpu/hotspots-small.perf-script.txt.gz', expected: 'fixtures-real/cpu/hotspots-small.folded.txt' },
  ])('writes the script output byte for byte: $expected', async ({ input, expected }) => {
    const text = gunzipSync(readFileSync(`${SHARED}/${input}`)).toString('utf8')
    const folded = foldStacks.finish(foldStacks.add(foldStacks.init(), perfScriptSamples(text)))
    const sink = slowSink()
    await writeFoldedText(folded, sink.stream)
    expect(sink.bytes().equals(readFileSync(`${SHARED}/${expected}`))).toBe(true)
  })

  it('writes nothing for no stacks', async () => {
    const sink = slowSink()
    await writeFoldedText({ stacks: [], counts: [] }, sink.stream)
    expect(sink.bytes().length).toBe(0)
  })

  it('fails, rather than waits forever, when the output closes', async () => {
    const stream = new Writable({ highWaterMark: 1, write() {} }) // never finishes a write
    const many = { stacks: Array.from({ length: 50_000 }, (_, i) => `a;b${i}`), counts: new Array(50_000).fill(1) }
    const writing = writeFoldedText(many, stream)
    setImmediate(() => stream.destroy())
    await expect(writing).rejects.toThrow(/closed/)
  })
})
