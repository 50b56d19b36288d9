// Internal fragmentation per call site against `perf kmem --caller stat` on the same recording,
// from the ordinary perf script text (6.x kernels print call sites as sym+0xoff): hits, bytes and
// ping-pong exact, Frag within 0.01 %.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAnalyses } from '../src/analyze/run-analyses.js'
import { REAL } from './shared-paths.js'

interface SiteRow { call_site: string; hits: number; bytes_req: number; bytes_alloc: number; frag_pct: number; pingpong: number }

describe('fragmentation agrees with perf kmem --caller stat', () => {
  it('kmem/frag4-hackbench, symbolic call sites', async () => {
    const ref = new Map<string, number[]>()
    for (const line of readFileSync(join(REAL, 'kmem/frag4-hackbench.kmem-stat-caller.txt'), 'utf8').split('\n')) {
      const m = /^\s*(\S+)\s+\|\s+(\d+)\/\d+\s+\|\s+(\d+)\/\d+\s+\|\s+(\d+)\s+\|\s+(\d+)\s+\|\s+([\d.]+)%/.exec(line)
      if (m) ref.set(m[1], m.slice(2).map(Number))
    }
    expect(ref.size).toBeGreaterThan(50)
    const run = await runAnalyses(join(REAL, 'kmem/frag4-hackbench.perf-script.txt.gz'), [{ name: 'fragmentation', params: {} }], { workers: 1 })
    const sites = new Map(((run.outputs[0].result as { internal: { call_sites: SiteRow[] } }).internal.call_sites).map((s) => [s.call_site, s]))
    expect([...sites.keys()].sort()).toEqual([...ref.keys()].sort())
    for (const [site, [alloc, req, hits, pingpong, frag]] of ref) {
      const s = sites.get(site)!
      expect([s.bytes_alloc, s.bytes_req, s.hits, s.pingpong], site).toEqual([alloc, req, hits, pingpong])
      expect(Math.abs(s.frag_pct - frag), site).toBeLessThanOrEqual(0.01)
    }
  })
})
