// One measurement in a fresh process, so peak RSS belongs to it alone. Prints one JSON line.
import { openSync, readSync, closeSync } from 'node:fs'
import { ingest } from '../src/ingest/ingest.js'
import { runAnalyses } from '../src/analyze/run-analyses.js'

const [what, input, arg, workers, paramsJson] = process.argv.slice(2)
const started = performance.now()
let events = 0
if (what === 'scan') {
  // The practical limit: read the file in 1 MiB chunks and count newlines (FINDINGS.md).
  const fd = openSync(input, 'r')
  const buf = Buffer.allocUnsafe(1 << 20)
  for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) {
    for (let i = buf.indexOf(10); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) events++
  }
  closeSync(fd)
} else if (what === 'ingest') {
  events = (await ingest(input, arg, { workers: Number(workers) })).events
} else if (what === 'analyze') {
  const params = paramsJson === undefined ? {} : JSON.parse(paramsJson) as Record<string, unknown>
  const run = await runAnalyses(input, [{ name: arg, params }], { workers: Number(workers) })
  events = run.summary.events
}
const seconds = (performance.now() - started) / 1000
console.log(JSON.stringify({ seconds, events, maxRssMb: process.resourceUsage().maxRSS / 1024 }))
