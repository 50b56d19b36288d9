// The check command line: exit codes (0 all measured pass, 1 a fail or a --fail-on status,
// 2 bad input or usage), and the JUnit and Markdown reports of one run. The JUnit file is
// validated with xmllint against the Jenkins JUnit schema (test/fixtures/junit), and
// checked structurally against the JSON result of the same run.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CheckResult } from '../src/check/check-result.js'
import { CLI, FIXTURES, REAL, ROOT } from './shared-paths.js'

const dir = mkdtempSync(join(tmpdir(), 'exotrace-check-'))
const SPEC = join(ROOT, 'specs', 'exo-os.toml')
const SCHED = join(FIXTURES, 'sched/hackbench-cyclictest.perf-script-ns.txt.gz')
const IRQ = join(REAL, 'irq/dd-cyclictest-small.perf-script-ns.txt.gz')
const XSD = join(ROOT, 'test/fixtures/junit/jenkins-junit.xsd')
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

function spec(name: string, criteria: string): string {
  const path = join(dir, name)
  writeFileSync(path, `[spec]\nname = "${name}"\n${criteria}`)
  return path
}

const irqCriterion = (id: string, op: string, us: number, extra = '') => `
[[criterion]]
id = "${id}"
section = "IRQ"
title = "IRQ handler duration"
target = { op = "${op}", value = ${us}, unit = "us" }
[criterion.measure]
analysis = "spans"
statistic = "p50"
needs_events = ["irq:irq_handler_entry", "irq:irq_handler_exit"]
record = "perf record -e irq:irq_handler_entry -e irq:irq_handler_exit -a"
[criterion.measure.selector]
span = "irq"
${extra}`
const ipcCriterion = `
[[criterion]]
id = "ipc.rtt"
section = "IPC"
title = "IPC round trip"
target = { op = "<", value = 1, unit = "us" }
[criterion.measure]
analysis = "spans"
statistic = "p99"
needs_events = ["sdt_exo:ipc_send", "sdt_exo:ipc_recv"]
record = "perf record -e 'sdt_exo:*' -a"
[criterion.measure.selector]
begin = "sdt_exo:ipc_send"
end = ["sdt_exo:ipc_recv"]
key = ["msg_id"]
`

describe('exit codes', () => {
  it('0 when every measured criterion passes (not-measured rows do not fail a run)', () => {
    const r = run(IRQ, '--spec', spec('pass.toml', irqCriterion('irq.a', '<', 10) + ipcCriterion), '--workers', '1')
    expect(r.stdout).toMatch(/PASS\s+irq\.a/)
    expect(r.stdout).toMatch(/NOT-MEASURED\s+ipc\.rtt/)
    expect(r.status).toBe(0)
  })

  it('1 when one fails', () => {
    const r = run(IRQ, '--spec', spec('fail.toml', irqCriterion('irq.a', '<', 10) + irqCriterion('irq.b', '<', 1)), '--workers', '1')
    expect(r.stdout).toMatch(/FAIL\s+irq\.b/)
    expect(r.status).toBe(1)
  })

  it('--fail-on inconclusive / not-measured make those statuses fail the run', () => {
    const condition = '[criterion.measure.condition]\nduration = { op = ">=", value = 60, unit = "s" }\n'
    const inconclusive = spec('inconclusive.toml', irqCriterion('irq.a', '<', 10, condition))
    expect(run(IRQ, '--spec', inconclusive, '--workers', '1').status).toBe(0)
    expect(run(IRQ, '--spec', inconclusive, '--workers', '1', '--fail-on', 'inconclusive').status).toBe(1)
    const notMeasured = spec('nm.toml', irqCriterion('irq.a', '<', 10) + ipcCriterion)
    expect(run(IRQ, '--spec', notMeasured, '--workers', '1', '--fail-on', 'not-measured').status).toBe(1)
  })

  it('a condition no trace measures comes from --condition; without it the verdict is inconclusive, saying so', () => {
    const ram = spec('ram.toml', irqCriterion('irq.a', '<', 10, '[criterion.measure.condition]\nram_used = { op = ">=", value = 8, unit = "GB" }\n'))
    const without = run(IRQ, '--spec', ram, '--workers', '1')
    expect(without.stdout).toMatch(/INCONCLUSIVE\s+irq\.a/)
    expect(without.stdout).toMatch(/the condition ram_used >= 8 GB was not measured/)
    expect(run(IRQ, '--spec', ram, '--workers', '1', '--condition', 'ram_used=16GB').stdout).toMatch(/PASS\s+irq\.a/)
    const low = run(IRQ, '--spec', ram, '--workers', '1', '--condition', 'ram_used=4GB')
    expect(low.stdout).toMatch(/the measured ram_used 4 GB does not meet the condition ram_used >= 8 GB/)
    expect(run(IRQ, '--spec', ram, '--condition', 'ram_used').status).toBe(2)
  })

  it('2 for a bad spec, a missing input, a bad option; never a stack trace', () => {
    const bad = spec('bad.toml', irqCriterion('irq.a', '<', 10).replace('statistic = "p50"', 'statistic = "p42"'))
    for (const r of [
      run(IRQ, '--spec', bad),
      run(join(dir, 'missing.txt'), '--spec', SPEC),
      run(IRQ, '--spec', SPEC, '--fail-on', 'pass'),
      run(IRQ),
    ]) {
      expect(r.status).toBe(2)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
    expect(run(IRQ, '--spec', bad).stderr).toMatch(/bad\.toml.*irq\.a.*statistic/)
  })
})

describe('reports of one run on the main fixture', () => {
  const junit = join(dir, 'check.xml')
  const markdown = join(dir, 'check.md')
  let result: CheckResult
  let status: number | null
  beforeAll(() => {
    const r = run(SCHED, '--spec', SPEC, '--json', '--junit', junit, '--markdown', markdown, '--workers', '2')
    status = r.status
    result = JSON.parse(r.stdout)
  }, 60_000)

  it('exits 1: the fixture misses some targets', () => {
    expect(result.totals.fail).toBeGreaterThan(0)
    expect(status).toBe(1)
  })

  it.skipIf(!hasXmllint)('the JUnit file validates against the Jenkins JUnit schema (xmllint)', () => {
    const r = spawnSync('xmllint', ['--noout', '--schema', XSD, junit], { encoding: 'utf8' })
    expect(r.stderr).toMatch(/validates/)
    expect(r.status).toBe(0)
  })

  it.skipIf(!hasXmllint)('the schema does reject a malformed report (so the validation means something)', () => {
    const broken = join(dir, 'broken.xml')
    writeFileSync(broken, readFileSync(junit, 'utf8').replace('<testcase ', '<testcase bogus="1" '))
    expect(spawnSync('xmllint', ['--noout', '--schema', XSD, broken]).status).not.toBe(0)
  })

  it('JUnit: one testcase per criterion, failures and skips as the verdicts say', () => {
    const xml = readFileSync(junit, 'utf8')
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true)
    const cases = [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"[^>]*>([\s\S]*?)<\/testcase>/g)]
    expect(cases.length).toBe(result.criteria.length)
    for (const [i, c] of result.criteria.entries()) {
      const [, name, classname, body] = cases[i]
      expect(name.startsWith(`${c.id}: `)).toBe(true)
      expect(classname).toBe(`exotrace.${c.section.replace(/&/g, '&amp;')}`)
      expect(body.includes('<failure '), c.id).toBe(c.status === 'fail')
      expect(body.includes('<skipped '), c.id).toBe(c.status === 'inconclusive' || c.status === 'not-measured')
    }
    const suites = [...xml.matchAll(/<testsuite name="[^"]*" tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)"/g)]
    const sum = (k: number) => suites.reduce((n, m) => n + Number(m[k]), 0)
    expect([sum(1), sum(2), sum(3)]).toEqual([result.criteria.length, result.totals.fail, result.totals.inconclusive + result.totals['not-measured']])
    expect(xml).toMatch(new RegExp(`<testsuites name="Exo-OS kernel" tests="${result.criteria.length}" failures="${result.totals.fail}"`))
  })

  it('Markdown: totals, one table per section, a row per check with its figure', () => {
    const md = readFileSync(markdown, 'utf8')
    expect(md).toContain(`**${result.totals.pass} pass, ${result.totals.fail} fail, ${result.totals.inconclusive} inconclusive, ${result.totals['not-measured']} not measured (of 88 criteria)**`)
    // sections with something measured get a table; the not-measured rows fold into one <details>
    const sections = new Set(result.criteria.filter((c) => c.status !== 'not-measured').map((c) => c.section))
    expect(md.match(/^### /gm)!.length).toBe(sections.size)
    const folded = md.slice(md.indexOf('<details>'), md.indexOf('</details>'))
    expect(folded.match(/^\| ➖ not measured/gm)!.length).toBeGreaterThanOrEqual(result.totals['not-measured'])
    const rows = md.split('\n').filter((l) => /^\| (✅|❌|⚠️|➖)/.test(l))
    expect(rows.length).toBe(result.criteria.reduce((n, c) => n + (c.success ? 2 : 1), 0))
    expect(md).toMatch(/\| ❌ fail \| `irq\.handler_overhead` IRQ handler duration \| < 2 us \| p50 \[[\d.]+ us [\d.]+ us [\d.]+ us\] \|/)
    // every row has exactly 5 cells: pipes inside reasons are escaped
    for (const r of rows) expect(r.replace(/\\\|/g, '').split('|').length).toBe(7)
  })

  it('the terminal report has no colour codes outside a terminal', () => {
    const r = run(SCHED, '--spec', SPEC, '--workers', '1')
    expect(r.stdout).not.toContain('\x1b[')
    expect(r.stdout).toMatch(/^INTERRUPTS & TIMERS$/m)
    expect(r.stdout).toMatch(/FAIL\s+irq\.handler_overhead\s+< 2 us\s+p50 \[/)
  })
})
