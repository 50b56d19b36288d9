// Builds a large `perf data convert --to-json` file at run time by repeating the samples of
// real conversions (fixtures/perf-json), shifted in time copy after copy, in perf's own layout.
import { createWriteStream, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

const SOURCES = ['sched-syscalls.json.gz', 'hotspots-small.json.gz']

/** The texts of the sample objects of a perf JSON document, split at depth-1 commas. */
function sampleTexts(doc: string): { head: string; samples: string[]; tail: string } {
  const open = doc.indexOf('[', doc.indexOf('"samples"'))
  const samples: string[] = []
  let depth = 0
  let inString = false
  let start = -1
  for (let i = open + 1; i < doc.length; i++) {
    const c = doc[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{') { if (depth++ === 0) start = i }
    else if (c === '}') { if (--depth === 0) samples.push(doc.slice(start, i + 1)) }
    else if (c === ']' && depth === 0) return { head: doc.slice(0, open + 1), samples, tail: doc.slice(i) }
  }
  throw new Error('no end of the samples array')
}

export async function generatePerfJson(fixtures: string, path: string, targetBytes: number): Promise<number> {
  const docs = SOURCES.map((s) => sampleTexts(gunzipSync(readFileSync(join(fixtures, 'perf-json', s))).toString('utf8')))
  const out = createWriteStream(path)
  out.write(docs[0].head + '\n')
  let written = docs[0].head.length
  let shiftNs = 0
  let first = true
  for (let copy = 0; written < targetBytes; copy++) {
    const { samples } = docs[copy % docs.length]
    let firstTs = -1
    let lastTs = 0
    const parts: string[] = []
    for (const s of samples) {
      parts.push(s.replace(/"timestamp": (\d+)/, (_, t: string) => {
        const ts = Number(t)
        if (firstTs < 0) firstTs = ts
        lastTs = ts
        return `"timestamp": ${ts - firstTs + shiftNs}`
      }))
    }
    const block = (first ? '\t\t' : ',\n\t\t') + parts.join(',\n\t\t')
    first = false
    written += block.length
    if (!out.write(block)) await new Promise((r) => out.once('drain', r))
    shiftNs += lastTs - firstTs + 1_000_000
  }
  out.write('\n\t]\n}\n')
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  return written
}
