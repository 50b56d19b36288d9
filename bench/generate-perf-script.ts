// Builds a large `perf script` text at run time from the real recordings in shared/: each copy
// is shifted in time past the previous one, so the result is one long, time-ordered trace with
// the event mix of real sched, syscall, irq, kmem and callchain-sampling recordings.
import { createWriteStream } from 'node:fs'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

const SOURCES = [
  'sched/hackbench-small.perf-script.txt.gz',
  'cpu/hotspots-small.perf-script.txt.gz',
  'syscalls/small-mix.perf-script.txt.gz',
  'irq/dd-cyclictest-small.perf-script.txt.gz',
  'kmem/frag4-hackbench.perf-script.txt.gz',
]

// "comm tid [cpu] seconds.micros:" — the seconds are rewritten, everything else kept.
const TIME = /^(.*?\[\d+\]\s+)(\d+)(\.\d+:)/

export async function generatePerfScript(fixturesReal: string, path: string, targetBytes: number): Promise<number> {
  const texts = SOURCES.map((s) => gunzipSync(readFileSync(join(fixturesReal, s))).toString('latin1').split('\n'))
  const out = createWriteStream(path)
  let written = 0
  let shiftS = 0
  for (let copy = 0; written < targetBytes; copy++) {
    const lines = texts[copy % texts.length]
    let lastS = 0
    let chunk: string[] = []
    for (const line of lines) {
      const m = TIME.exec(line)
      let text = line
      if (m) {
        const s = Number(m[2])
        if (lastS === 0) shiftS = shiftS - s + 1
        lastS = s
        text = `${m[1]}${s + shiftS}${m[3]}${line.slice(m[0].length)}`
      }
      chunk.push(text)
      if (chunk.length === 10000) {
        const block = chunk.join('\n') + '\n'
        written += block.length
        if (!out.write(block, 'latin1')) await new Promise((r) => out.once('drain', r))
        chunk = []
      }
    }
    const block = chunk.join('\n') + (chunk.length > 0 && chunk[chunk.length - 1] !== '' ? '\n' : '')
    written += block.length
    out.write(block, 'latin1')
    shiftS += lastS + 1
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
  return written
}
