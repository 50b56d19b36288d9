// Over a dataset, workers read the record batches into a buffer they reuse
// (reused-batch-reader.ts) while one worker reads them through apache-arrow's file reader,
// so comparing the two checks the reused reader against arrow's own; fairness, whose
// selection takes a first pass, must also give over the dataset what it gives over the trace.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isMainThread } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import { REAL } from '../../test/shared-paths.js'
import { ingest } from '../ingest/ingest.js'
import { runAnalyses } from './run-analyses.js'
import type { AnalysisRequest } from './analyze-segment.js'

const tmp = mkdtempSync(join(tmpdir(), 'exotrace-run-analyses-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const results = async (input: string, requests: AnalysisRequest[], workers: number): Promise<string[]> =>
  (await runAnalyses(input, requests, { workers })).outputs.map((o) => JSON.stringify(o.result))

describe('runAnalyses', () => {
  it('over a dataset, gives the same results with 1 and 2 workers (arrow\'s file reader vs the reused buffer), and fairness as over the trace', async () => {
    const cases: [string, AnalysisRequest[]][] = [
      ['sched/hackbench-small.perf-script.txt.gz', [{ name: 'sched-latency', params: {} }, { name: 'fairness', params: { windowSwitches: 100 } }, { name: 'fairness', params: { tasks: ['hackbench'], windowSwitches: 20 } }]],
      ['syscalls/small-mix.perf-script.txt.gz', [{ name: 'syscall-latency', params: {} }]],
    ]
    for (const [file, requests] of cases) {
      const trace = join(REAL, file)
      const dir = join(tmp, file.replace(/\W/g, '-'))
      // small pieces: many segments, so many batches and dictionary deltas per table file
      await ingest(trace, dir, { workers: 2, pieceBytes: 32 * 1024 })
      // The premise: vitest runs this file in a forked process, on its main thread, where the
      // one-worker run reads through arrow's file reader (analyze-segment.ts).
      expect(isMainThread).toBe(true)
      const one = await results(dir, requests, 1)
      expect(one.every((r) => r !== 'null'), file).toBe(true)
      expect(await results(dir, requests, 2), file).toEqual(one)
      const fairness = requests.flatMap((r, i) => (r.name === 'fairness' ? [i] : []))
      const overTrace = await results(trace, requests, 2)
      for (const i of fairness) expect(JSON.parse(one[i]).tasks, `${file} ${JSON.stringify(requests[i].params)}`).toEqual(JSON.parse(overTrace[i]).tasks)
      for (const i of fairness) expect(JSON.parse(one[i]).fairness, `${file} ${JSON.stringify(requests[i].params)}`).toEqual(JSON.parse(overTrace[i]).fairness)
    }
  }, 120_000)

  it('reports progress once from the start to the end of the input, also when a first pass runs', async () => {
    const trace = join(REAL, 'sched/hackbench-small.perf-script.txt.gz')
    const bytes = gunzipSync(readFileSync(trace)).length
    for (const params of [{ tids: [1] }, {}]) { // fairness: a named task needs one pass, the default selection two
      const seen: number[] = []
      await runAnalyses(trace, [{ name: 'fairness', params }], { workers: 1, pieceBytes: 64 * 1024, onProgress: (b) => seen.push(b) })
      expect(seen.length, JSON.stringify(params)).toBeGreaterThan(4)
      expect(seen.every((b, i) => i === 0 || b >= seen[i - 1]), JSON.stringify(params)).toBe(true)
      expect(seen.at(-1), JSON.stringify(params)).toBe(bytes)
    }
  })

  it('refuses a selection pass over standard input, which reads once, saying how to name the tasks', async () => {
    await expect(runAnalyses('-', [{ name: 'fairness', params: {} }])).rejects.toThrow(/--tids/)
  })
})
