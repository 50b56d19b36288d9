// Built-in spans against an independent pairing of the same recording (irqstats.txt, made by
// the corpus's own script over the --ns text) and against the kernel's own interrupt counter.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SpansResult } from '../analyses/spans/spans-analysis.js'
import { runAnalyses } from '../src/analyze/run-analyses.js'
import { REAL } from './shared-paths.js'

const base = join(REAL, 'irq/dd-cyclictest-small')
const trace = `${base}.perf-script-ns.txt.gz`

interface Row { count: number; total: number; min: number; avg: number; max: number }

/** The section of irqstats.txt that starts with `title`: label -> figures. */
function section(title: string): Map<string, Row> {
  const lines = readFileSync(`${base}.irqstats.txt`, 'utf8').split('\n')
  const out = new Map<string, Row>()
  let i = lines.findIndex((l) => l.startsWith(`# ${title}`)) + 2
  for (; i < lines.length && lines[i].trim() !== ''; i++) {
    const f = lines[i].trim().split(/\s+/)
    const [count, total, min, avg, max] = f.slice(-5).map(Number)
    out.set(f.slice(0, -5).join(' '), { count, total, min, avg, max })
  }
  return out
}

async function spans(span: string, workers = 1): Promise<SpansResult> {
  const run = await runAnalyses(trace, [{ name: 'spans', params: { span } }], { workers, pieceBytes: 128 * 1024 })
  return run.outputs[0].result as SpansResult
}

function expectSame(ref: Map<string, Row>, result: SpansResult, label: (group: string) => string): void {
  expect(result.groups.length).toBe(ref.size)
  for (const g of result.groups) {
    const r = ref.get(label(g.group))
    expect(r, g.group).toBeDefined()
    expect([g.count, g.total_ns, g.min_ns, g.max_ns, Math.floor(g.mean_ns)], g.group).toEqual([r!.count, r!.total, r!.min, r!.max, r!.avg])
  }
}

describe('spans agree with an independent pairing of dd-cyclictest-small', () => {
  it('irq: per irq, exact to the ns, and the count /proc/interrupts saw', async () => {
    const r = await spans('irq')
    expectSame(section('hardirq handler duration'), r, (g) => g.replace(':', ' '))
    const count = (f: string): number => Number(/^\s*36:\s+(\d+)\s+(\d+)/.exec(readFileSync(`${base}.proc-interrupts.${f}.txt`, 'utf8').split('\n').find((l) => /^\s*36:/.test(l))!)!.slice(1, 3).reduce((a, b) => a + Number(b), 0))
    expect(r.groups.find((g) => g.group.startsWith('36:'))!.count).toBe(count('after') - count('before'))
  })

  it('softirq duration per vector', async () => {
    const names = ['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU']
    expectSame(section('softirq duration'), await spans('softirq'), (g) => `${g.split(':')[0]} ${names[Number(g.split(':')[0])]}`)
  })

  it('softirq raise to entry, raises coalesced', async () => {
    const names = ['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU']
    expectSame(section('softirq raise -> entry latency'), await spans('softirq-latency'), (g) => `${g.split(':')[0]} ${names[Number(g.split(':')[0])]}`)
  })

  it('hrtimer callbacks per function, the same with 2 workers', async () => {
    const one = await spans('hrtimer')
    expectSame(section('hrtimer callback duration'), one, (g) => g)
    const two = await spans('hrtimer', 2)
    expect(JSON.stringify(two)).toBe(JSON.stringify(one))
  })
})
