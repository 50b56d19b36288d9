// The HTML report of `check`: one self-contained file (nothing fetched) that renders in
// headless Chromium without console errors, with per measured distribution a histogram and
// a CDF where the target and the estimate sit where the figures say, and the verdict table.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CheckResult } from '../src/check/check-result.js'
import { Browser, CHROMIUM } from './flamegraph-browser.js'
import { CLI, FIXTURES, REAL, ROOT } from './shared-paths.js'

const dir = mkdtempSync(join(tmpdir(), 'exotrace-html-'))
const html = join(dir, 'check.html')
const SPEC = join(ROOT, 'specs', 'exo-os.toml')
const INPUTS = [join(FIXTURES, 'sched/hackbench-cyclictest.perf-script-ns.txt.gz'), join(REAL, 'syscalls/small-mix.perf-script.txt.gz')]

if (!existsSync(CHROMIUM)) console.warn(`${CHROMIUM} not found: the HTML report's browser checks are skipped (apt-get install chromium, or set CHROMIUM)`)

let result: CheckResult
beforeAll(() => {
  const r = spawnSync(process.execPath, [CLI, 'check', ...INPUTS, '--spec', SPEC, '--html', html, '--json', '--workers', '2'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  result = JSON.parse(r.stdout)
}, 60_000)

const distributions = () => result.criteria.flatMap((c) => [c.main, ...(c.success ? [c.success] : [])]).filter((o) => o.distribution && o.target.kind === 'duration')

describe('the HTML file', () => {
  it('is self-contained: no script, stylesheet, image or font from anywhere', () => {
    const text = readFileSync(html, 'utf8')
    expect(text).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i)
    expect(text).not.toMatch(/(src|href)\s*=\s*"(?!#)/i)
    expect(text).not.toMatch(/url\(|@import/i)
    expect(text).toMatch(/^<!doctype html>/)
  })

  it('holds the verdict table (a row per check) and two charts per measured distribution', () => {
    const text = readFileSync(html, 'utf8')
    expect(text.match(/<tr><td class="status /g)!.length).toBe(result.criteria.reduce((n, c) => n + (c.success ? 2 : 1), 0))
    expect(distributions().length).toBeGreaterThanOrEqual(3)
    expect(text.match(/<svg class="chart"/g)!.length).toBe(2 * distributions().length)
    expect(text).toContain('fairness over time')
    expect(text).toContain('fragmentation over time')
  })
})

describe.skipIf(!existsSync(CHROMIUM))('in headless Chromium', () => {
  let browser: Browser
  beforeAll(async () => { browser = await Browser.open(`file://${html}`, 1100, 900) }, 30_000)
  afterAll(() => browser?.close())

  it('loads with no console message or page error, and screenshots', () => {
    const shot = join(dir, 'check.png')
    const r = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--enable-logging=stderr', '--v=0',
      `--user-data-dir=${join(dir, 'profile')}`, '--window-size=1100,3000', `--screenshot=${shot}`, `file://${html}`], { encoding: 'utf8', timeout: 60_000 })
    expect(r.stderr.split('\n').filter((l) => /CONSOLE|Uncaught|ERR_/.test(l))).toEqual([])
    expect(statSync(shot).size).toBeGreaterThan(20_000)
  }, 60_000)

  it('draws every chart with visible marks', async () => {
    const charts = await browser.eval<{ w: number; h: number; marks: number }[]>(`[...document.querySelectorAll('svg.chart')].map(s => {
      const b = s.getBoundingClientRect(); return { w: b.width, h: b.height, marks: s.querySelectorAll('rect.bar, polyline.cdf').length } })`)
    expect(charts.length).toBe(2 * distributions().length)
    for (const c of charts) {
      expect(c.w).toBeGreaterThan(300)
      expect(c.h).toBeGreaterThan(100)
      expect(c.marks).toBeGreaterThan(0)
    }
  })

  it('the target line and the estimate sit on the value axis as the figures say', async () => {
    const id = 'irq.handler_overhead'
    const o = result.criteria.find((c) => c.id === id)!.main
    const lines = await browser.eval<{ target: number; estimate: number; cdfEnd: number; top: number }>(`(() => {
      const svg = document.getElementById(${JSON.stringify(id)}).querySelectorAll('svg.chart')[1]
      const x = (sel) => Number(svg.querySelector(sel).getAttribute('x1'))
      const pts = svg.querySelector('polyline.cdf').getAttribute('points').trim().split(' ')
      return { target: x('line.target'), estimate: x('line.estimate'), cdfEnd: Number(pts[pts.length - 1].split(',')[1]), top: 12 } })()`)
    // log axis: x difference is proportional to log10(estimate / target)
    expect(o.verdict.measured!.estimate).toBeGreaterThan(o.target.threshold)
    expect(lines.estimate).toBeGreaterThan(lines.target)
    expect(lines.cdfEnd).toBeCloseTo(lines.top, 5) // the CDF ends at 1
  })

  it('the verdict table shows each status in its colour class', async () => {
    const statuses = await browser.eval<string[]>(`[...document.querySelectorAll('td.status')].map(td => td.className.replace('status ', '') + '=' + td.textContent)`)
    for (const s of statuses) expect(s).toMatch(/^(pass|fail|inconclusive|not-measured)=\1$/)
    expect(statuses).toContain('fail=fail')
  })
})
