// Detection answers yes for every ftrace text we have, no for the other formats' real files,
// and "more" while the first data line is cut.
import { readdirSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { detectFtraceText } from './detect-ftrace-text.js'
import { CORPORA, haveShared, OURS, REAL } from './test-inputs.js'

const head = (path: string, n = 65536): Uint8Array => {
  const raw = readFileSync(path)
  return (path.endsWith('.gz') ? gunzipSync(raw) : raw).subarray(0, n)
}

describe.skipIf(!haveShared)('detect', () => {
  test.each([
    `${REAL}/ftrace/small-text-localclock.trace.txt.gz`, `${REAL}/ftrace/overflow-pipe-small.trace_pipe.txt.gz`,
    `${REAL}/ftrace/small-top.report.txt.gz`, `${REAL}/ftrace/small-top.report-ns.txt.gz`, `${REAL}/rr/rr-3threads-100ms.report.txt`,
    ...readdirSync(`${CORPORA}/trappy/tests`).filter((f) => f.endsWith('.txt')).map((f) => `${CORPORA}/trappy/tests/${f}`),
    ...readdirSync(OURS).filter((f) => f.endsWith('.trace.txt.gz')).map((f) => `${OURS}/${f}`),
  ])('yes: %s', (path) => {
    const bytes = head(path)
    expect(detectFtraceText(bytes, bytes.length < 65536)).toBe('yes')
  })

  test.each([
    `${REAL}/sched/hackbench-small.perf-script.txt.gz`, `${REAL}/cpu/hotspots-small.perf-script.txt.gz`,
    `${REAL}/syscalls/small-mix.perf-script.txt.gz`, `${REAL}/ftrace/small-top.dat`, `${REAL}/dmesg/dmesg.txt`,
    `${REAL}/bpftrace/syslat-small.txt`, `${REAL}/bpftrace/syslat-small.json`, `${REAL}/sched/hackbench-small.perf.data`,
  ])('no: %s', (path) => {
    const bytes = head(path)
    expect(detectFtraceText(bytes, bytes.length < 65536)).toBe('no')
  })

  test('function_graph output without a header (trace_pipe)', () => {
    const doc = readFileSync(`${CORPORA}/perf-tools/examples/funcgraph_example.txt`, 'utf8').split('\n').slice(8, 20).join('\n')
    expect(detectFtraceText(new TextEncoder().encode(doc), true)).toBe('yes')
  })
})

test('more while the first event line is incomplete', () => {
  const line = new TextEncoder().encode('            bash-17307   [001] .....  1652.306192: sys_exit: NR 1 = 2\n')
  expect(detectFtraceText(line.subarray(0, 30), false)).toBe('more')
  expect(detectFtraceText(line, false)).toBe('yes')
})
