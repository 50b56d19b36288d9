// `exotrace fold --inline [--context]` against stackcollapse-perf.pl --inline on the same input:
// a recording of fixtures/flamegraph/inline/inlined (README there), whose hot loops sit in
// always-inlined functions, so addr2line -i expands one frame into three. The perf script text
// names the binary where it was recorded; both tools read it with the path of the committed
// binary put in its place (the script's output names no path). nm-fallback.perf-script.txt has
// addresses addr2line does not know, which the script resolves through `nm` and the offset.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CLI, FIXTURES } from './shared-paths.js'

const INLINE = join(FIXTURES, 'flamegraph', 'inline')
const dir = mkdtempSync(join(tmpdir(), 'exotrace-fold-inline-'))

function withBinaryHere(name: string): string {
  const bytes = readFileSync(join(INLINE, name))
  const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
  const path = join(dir, name.replace(/\.gz$/, ''))
  writeFileSync(path, text.replaceAll('(/tmp/inl/inlined)', `(${join(INLINE, 'inlined')})`))
  return path
}

function fold(input: string, ...args: string[]): { lines: string[]; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, 'fold', input, ...args], { encoding: 'utf8' })
  return { lines: r.stdout.split('\n').filter((l) => l !== ''), stderr: r.stderr, status: r.status }
}

// In the script's own order: it prints its stacks sorted, and so must fold.
const expected = (name: string): string[] => readFileSync(join(INLINE, name), 'utf8').split('\n').filter((l) => l !== '')

describe('fold --inline equals stackcollapse-perf.pl --inline', () => {
  const cases = [
    { input: 'inlined.perf-script.txt.gz', args: ['--inline'], ref: 'inlined.folded-inline.txt' },
    { input: 'inlined.perf-script.txt.gz', args: ['--inline', '--context'], ref: 'inlined.folded-inline-context.txt' },
    { input: 'inlined.perf-script.txt.gz', args: ['--inline', '--all', '--workers', '2'], ref: 'inlined.folded-inline-all.txt' },
    { input: 'nm-fallback.perf-script.txt', args: ['--inline'], ref: 'nm-fallback.folded-inline.txt' },
    { input: 'nm-fallback.perf-script.txt', args: ['--inline', '--context'], ref: 'nm-fallback.folded-inline-context.txt' },
    { input: 'nm-fallback.perf-script.txt', args: ['--inline', '--all'], ref: 'nm-fallback.folded-inline-all.txt' },
  ]
  it.each(cases)('$input $args', ({ input, args, ref }) => {
    const r = fold(withBinaryHere(input), ...args)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.lines).toEqual(expected(ref))
  })

  it('without --inline, one frame per address, as the script without --inline', () => {
    const r = fold(withBinaryHere('inlined.perf-script.txt.gz'))
    expect(r.lines).toEqual(expected('inlined.folded.txt'))
  })

  it('asks addr2line about the addresses of a dso in one run, not one run per address', () => {
    const shim = mkdtempSync(join(tmpdir(), 'exotrace-addr2line-'))
    const log = join(shim, 'runs.log')
    const real = execFileSync('sh', ['-c', 'command -v addr2line'], { encoding: 'utf8' }).trim()
    writeFileSync(join(shim, 'addr2line'), `#!/bin/sh\necho "$*" >> "${log}"\nexec "${real}" "$@"\n`, { mode: 0o755 })
    const r = spawnSync(process.execPath, [CLI, 'fold', withBinaryHere('inlined.perf-script.txt.gz'), '--inline', '--workers', '1'],
      { encoding: 'utf8', env: { ...process.env, PATH: `${shim}:${process.env.PATH}` } })
    expect(r.stdout.split('\n').filter((l) => l !== '')).toEqual(expected('inlined.folded-inline.txt'))
    const lookups = readFileSync(log, 'utf8').split('\n').filter((l) => l !== '' && l !== '--version')
    expect(lookups).toHaveLength(1)
    expect(lookups[0].split(' ').filter((a) => /^(0x)?[0-9a-f]+$/.test(a)).length).toBeGreaterThan(1) // the addresses
  })

  it('without binutils on the PATH, --inline is a usage error naming the tool', () => {
    const r = spawnSync(process.execPath, [CLI, 'fold', withBinaryHere('inlined.perf-script.txt.gz'), '--inline'], { encoding: 'utf8', env: { ...process.env, PATH: '/nonexistent' } })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/addr2line is not on the PATH: install binutils/)
  })

  it('--context alone is a usage error', () => {
    const r = fold(withBinaryHere('inlined.perf-script.txt.gz'), '--context')
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/--context.*--inline/)
  })
})
