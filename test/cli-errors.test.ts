// Bad input and bad usage: one line on stderr naming the file (and line where there is one),
// exit code 2, never a stack trace.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CLI, FIXTURES, REAL } from './shared-paths.js'

const dir = mkdtempSync(join(tmpdir(), 'exotrace-bad-'))
const fixture = join(FIXTURES, 'sched/hackbench-cyclictest.perf-script-ns.txt.gz')
const text = gunzipSync(readFileSync(fixture))

function run(...args: string[]): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })
  return { status: r.status, stderr: r.stderr, stdout: r.stdout }
}

function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name)
  writeFileSync(p, bytes)
  return p
}

describe('bad input gives one clear line and exit code 2', () => {
  const cases: [string, () => string, RegExp][] = [
    ['binary garbage', () => file('garbage.bin', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), /garbage\.bin:1: expected a trace in one of the formats/],
    ['an empty file', () => file('empty.txt', ''), /empty\.txt: expected a trace, found: "the input is empty"/],
    ['a missing file', () => join(dir, 'nope.txt'), /nope\.txt: no such file/],
    ['a directory that is not a dataset', () => dir, /is a directory/],
    ['a truncated gzip', () => file('cut.gz', readFileSync(fixture).subarray(0, 20000)), /cut\.gz: expected a whole compressed stream/],
    ['a line cut mid-event', () => file('cut-line.txt', text.subarray(0, text.indexOf('sched_switch: prev_comm', 300000) + 20)), /cut-line\.txt:\d+: expected a whole event line/],
    // CPU 1's data is last in the file: cut 1000 bytes into its last page (offsets from trace-cmd convert's log)
    ['a trace.dat cut inside a page', () => file('cut.dat', gunzipSync(readFileSync(join(REAL, 'ftrace/small-top.v6.dat.gz'))).subarray(0, 0x75f000 + 229376 - 4096 + 1000)),
      /cut\.dat \(byte 7955432\): expected CPU 1: 3280 bytes of event data \(page cut off\)$/m],
    ['a trace.dat of an unknown version', () => file('v8.dat', Buffer.concat([readFileSync(join(REAL, 'ftrace/small-top.dat')).subarray(0, 10), Buffer.from('8'), readFileSync(join(REAL, 'ftrace/small-top.dat')).subarray(11)])),
      /v8\.dat \(byte 10\): expected file version "6" or "7", found: /],
  ]
  for (const [what, make, message] of cases) {
    it(what, () => {
      const r = run('info', make())
      expect(r.status).toBe(2)
      expect(r.stderr).toMatch(message)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    })
  }

  it('bad usage: an unknown format, a bad worker count, an unknown analysis', () => {
    expect(run('info', fixture, '--format', 'nonsense').stderr).toMatch(/unknown format 'nonsense'/)
    expect(run('info', fixture, '--workers', '0').status).toBe(2)
    const r = run('analyze', fixture, 'nonsense')
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/unknown analysis 'nonsense'/)
  })

  it('an analysis whose events are missing names them and how to record them', () => {
    const r = run('analyze', fixture, 'syscall-latency')
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/raw_syscalls:sys_enter/)
    expect(r.stderr).toMatch(/perf trace record/)
  })

  it('reads stdin, gzip detected by magic bytes', () => {
    const out = execFileSync(process.execPath, [CLI, 'info', '-', '--json'], { input: gzipSync(text) })
    expect(JSON.parse(out.toString()).events).toBe(7035)
  })
})
