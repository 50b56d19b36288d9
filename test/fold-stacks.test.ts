// foldStacks on the script's edge cases. Every expected output below is what
// `perl stackcollapse-perf.pl [OPTIONS] synthetic.txt` (FlameGraph 41fee1f) printed for
// SYNTHETIC, in its order; other expectations are perf's own collapser or counted by hand.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { addFoldedSample, extendNode, foldStacks, isJavaComm, type FoldOptions } from '../analyses/fold/fold-stacks.js'
import { perfScriptSamples } from './perf-script-samples.js'
import type { FoldSample } from '../analyses/fold/sample-record.js'
import { REAL } from './shared-paths.js'

const SYNTHETIC = [
  '# cmdline : /usr/bin/perf record -g',
  'swapper 0/0 [000] 10.000001:     250000 cpu-clock:ppp: ',
  '\tffffffff81000001 native_safe_halt+0x6 ([kernel.kallsyms])',
  '\tffffffff81000002 cpu_startup_entry+0x1 (/lib/modules/6.1/build/vmlinux)',
  '',
  'web worker 12/14 [001] 10.000002:          0 cpu-clock:ppp: ',
  '\t    7f0000000001 [unknown] (/usr/lib/libfoo.so (deleted))',
  `\t    7f0000000002 "quoted";name's (/usr/bin/app)`,
  '\t    7f0000000003 (anonymous namespace)::run(int) (/usr/bin/app)',
  '\t    7f0000000004 net/http.(*Client).Do+0x10 (/usr/bin/app)',
  '\t    7f0000000005 std::function<int (int)>::operator() (/usr/bin/app)',
  '',
  'java 20/21 [001] 10.000003:    1000 cpu-clock:ppp: ',
  '\t    7f0000000010 Lfoo/Bar;::baz->Lfoo/Qux;::quux->+0x4b (/tmp/perf-20.map)',
  '\t    7f0000000011 [unknown] ([unknown])',
  '\t    7f0000000012 [unknown] (/tmp/perf-20.map)',
  '\t    7f0000000013 interp_loop',
  '\t    7f0000000014 Interpreter (/tmp/perf-20.map)',
  '',
  'app 30/30 [000] 10.000004: sched:sched_switch: prev_comm=app prev_pid=30 ==> next_comm=swapper/0',
  '\tffffffff81000003 __schedule+0x2 ([kernel.kallsyms])',
  '',
  'app 30/30 [000] 10.000005:       500 instructions: ',
  '\t    400100 main+0x1 (/usr/bin/app)',
  '',
  'app 30/31 [000] 10.000006:       700 cpu-clock:ppp: ',
  '\t    400100 main+0x1 (/usr/bin/app)',
  '\t    400200 (app) (/usr/bin/app)',
  '',
  'app 30/31 [000] 10.000007:       700 cpu-clock:ppp: ',
  '\t    400300 f\ue000x (/usr/bin/app)',
  '',
  'app 30/31 [000] 10.000008:       700 cpu-clock:ppp: ',
  '\t    400300 f\u{1f600}x (/usr/bin/app)',
  '',
  '',
].join('\n')

const WEB = 'std::function<int ;net/http.(*Client).Do;quoted:names;[unknown]  1'

function fold(samples: FoldSample[], options: FoldOptions = {}): string[] {
  const folded = foldStacks.finish(foldStacks.add(foldStacks.init(options), samples))
  return folded.stacks.map((stack, i) => `${stack} ${folded.counts[i]}`)
}

describe('foldStacks matches stackcollapse-perf.pl', () => {
  const samples = perfScriptSamples(SYNTHETIC)

  it('default options: first event filter, period weights, name cleanups, code point order', () => {
    expect(fold(samples)).toEqual([
      'app;__schedule 1',
      'app;f\ue000x 700',
      'app;f\u{1f600}x 700',
      'app;main 700',
      'java;Interpreter;[perf-20.map];[unknown];foo/Bar:::baz;foo/Qux:::quux_[i] 1000',
      'swapper;cpu_startup_entry;native_safe_halt 250000',
      `web_worker;${WEB}`,
    ])
  })

  it('--tid --all --addrs', () => {
    expect(fold(samples, { tid: true, all: true, addrs: true })).toEqual([
      'app-30/30;__schedule_[k] 1',
      'app-30/31;f\ue000x 700',
      'app-30/31;f\u{1f600}x 700',
      'app-30/31;main 700',
      'java-20/21;Interpreter_[j];[perf-20.map <7f0000000012>]_[j];[unknown <7f0000000011>];foo/Bar:::baz_[j];foo/Qux:::quux_[i] 1000',
      'swapper-?/0;cpu_startup_entry_[k];native_safe_halt_[k] 250000',
      `web_worker-12/14;${WEB}`,
    ])
  })

  it('--pid', () => {
    expect(fold(samples, { pid: true }).filter((l) => !l.startsWith('app'))).toEqual([
      'java-20;Interpreter;[perf-20.map];[unknown];foo/Bar:::baz;foo/Qux:::quux_[i] 1000',
      'swapper-?;cpu_startup_entry;native_safe_halt 250000',
      `web_worker-12;${WEB}`,
    ])
  })

  it('--event-filter=instructions keeps samples whose event the script does not recognize', () => {
    expect(fold(samples, { eventFilter: 'instructions' })).toEqual(['app;__schedule 1', 'app;main 500'])
  })

  it('reports the event counted, the events skipped and the frames without a dso', () => {
    const folded = foldStacks.finish(foldStacks.add(foldStacks.init(), samples))
    expect(folded.event).toBe('cpu-clock:ppp')
    expect(folded.skippedEvents).toEqual({ instructions: 1 })
    expect(folded.unrecognizedFrames).toBe(1) // the script's one "Unrecognized line" warning
  })

  it('weighs samples, not periods, with count: samples', () => {
    expect(fold(samples, { count: 'samples' }).filter((l) => l.startsWith('swapper') || l.startsWith('app;main'))).toEqual([
      'app;main 1',
      'swapper;cpu_startup_entry;native_safe_halt 1',
    ])
  })
})

describe('merge', () => {
  const samples = perfScriptSamples(SYNTHETIC)
  const whole = fold(samples)

  it('folding any split of the input and merging in order gives the whole input fold', () => {
    for (let cut = 0; cut <= samples.length; cut++) {
      const a = foldStacks.add(foldStacks.init(), samples.slice(0, cut))
      const b = foldStacks.add(foldStacks.init(), samples.slice(cut))
      const merged = foldStacks.finish(foldStacks.merge(a, b))
      expect(merged.stacks.map((s, i) => `${s} ${merged.counts[i]}`)).toEqual(whole)
    }
  })

  it('merges accumulators that crossed a thread boundary (structured clone)', () => {
    const a = structuredClone(foldStacks.add(foldStacks.init(), samples.slice(0, 4)))
    const b = structuredClone(foldStacks.add(foldStacks.init(), samples.slice(4)))
    const merged = foldStacks.finish(foldStacks.merge(a, b))
    expect(merged.stacks.map((s, i) => `${s} ${merged.counts[i]}`)).toEqual(whole)
  })

  it('takes the default event filter from the earlier part', () => {
    const instructions = samples.filter((s) => s.event === 'instructions')
    const rest = samples.filter((s) => s.event !== 'instructions')
    const merged = foldStacks.merge(foldStacks.add(foldStacks.init(), instructions), foldStacks.add(foldStacks.init(), rest))
    expect(foldStacks.finish(merged).event).toBe('instructions')
  })

  it('refuses accumulators made with different options', () => {
    expect(() => foldStacks.merge(foldStacks.init({ pid: true }), foldStacks.init())).toThrow(/different options/)
  })
})

describe('counts', () => {
  it('sample counts equal perf script report stackcollapse on a real recording', () => {
    const cpu = `${REAL}/cpu`
    const text = gunzipSync(readFileSync(`${cpu}/hotspots-small.perf-script.txt.gz`)).toString('utf8')
    const expected = readFileSync(`${cpu}/hotspots-small.perf-stackcollapse-py.txt`, 'utf8').split('\n').filter((l) => l !== '')
    expect(fold(perfScriptSamples(text), { count: 'samples' })).toEqual(expected.sort())
  })

  it('refuses a sum that a double cannot hold exactly', () => {
    const big: FoldSample = { comm: 'a', pid: null, tid: 1, event: 'cycles', period: 2 ** 52, frames: [] }
    const acc = foldStacks.add(foldStacks.init(), [big, big, big])
    expect(() => foldStacks.finish(acc)).toThrow(RangeError)
  })
})

describe('folding through a callchain tree (the stack table path)', () => {
  it('memoizing extendNode per tree node gives the script output on a real recording', () => {
    const cpu = `${REAL}/cpu`
    const samples = perfScriptSamples(gunzipSync(readFileSync(`${cpu}/hotspots-small.perf-script.txt.gz`)).toString('utf8'))
    const acc = foldStacks.init({ all: true })
    // A callchain tree as the perf-script parser builds it: node = (caller node, frame).
    const treeNodes = new Map<string, number>()
    const folded: number[] = []
    for (const sample of samples) {
      let key = ''
      let node = -1
      for (let i = sample.frames.length - 1; i >= 0; i--) {
        const f = sample.frames[i]
        key += `\n${f.addr} ${f.symbol} ${f.offset} ${f.dso}`
        let id = treeNodes.get(key)
        if (id === undefined) {
          id = treeNodes.size
          treeNodes.set(key, id)
          folded[id] = extendNode(acc, node, f, isJavaComm(sample.comm))
        }
        node = folded[id]
      }
      addFoldedSample(acc, sample, node)
    }
    const result = foldStacks.finish(acc)
    const expected = readFileSync(`${cpu}/hotspots-small.folded-all.txt`, 'utf8').split('\n').filter((l) => l !== '')
    expect(result.stacks.map((s, i) => `${s} ${result.counts[i]}`)).toEqual(expected)
    const frames = samples.reduce((n, s) => n + s.frames.length, 0)
    expect(treeNodes.size).toBeLessThan(frames / 2) // the point: most frames reuse a node
  })
})
