// `exotrace flamegraph` outputs, checked against other tools' numbers: frame widths against
// `perf report --children` on the same recording, the search's "Matched" share against
// stackcollapse-perf.pl's folded output, speedscope's samples against the same output; the SVG
// and the HTML page are opened in headless Chromium and clicked (search, zoom, reset).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, CHROMIUM } from './flamegraph-browser.js'
import { CLI, FIXTURES, REAL } from './shared-paths.js'

const dir = mkdtempSync(join(tmpdir(), 'exotrace-flamegraph-'))
const HOTSPOTS = `${REAL}/cpu/hotspots-small.perf-script.txt.gz`

function flamegraph(...args: string[]): void {
  const r = spawnSync(process.execPath, [CLI, 'flamegraph', ...args], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
}

/** stackcollapse-perf.pl's folded output for the recording: [frames, count]. */
const reference = readFileSync(`${REAL}/cpu/hotspots-small.folded.txt`, 'utf8').split('\n').filter((l) => l !== '')
  .map((l) => [l.slice(0, l.lastIndexOf(' ')).split(';'), Number(l.slice(l.lastIndexOf(' ') + 1))] as const)
const referenceTotal = reference.reduce((n, [, c]) => n + c, 0)

/** Share (%) of the weight in stacks with a frame matching `re`, from the script's output. */
const referenceShare = (re: RegExp): number => (100 * reference.filter(([f]) => f.some((x) => re.test(x))).reduce((n, [, c]) => n + c, 0)) / referenceTotal

const svgPath = join(dir, 'hotspots.svg')
const htmlPath = join(dir, 'hotspots.html')

describe('the SVG', () => {
  beforeAll(() => {
    flamegraph(HOTSPOTS, '-o', svgPath)
    flamegraph(HOTSPOTS, '-o', htmlPath, '--title', 'hotspots <2 threads>')
  })

  it('frame widths are perf report --children shares (hotspots-small.report-children.txt)', () => {
    const svg = readFileSync(svgPath, 'utf8')
    const share = (name: string): number => {
      const titles = [...svg.matchAll(new RegExp(`<title>${name} \\(([\\d,]+) ns, ([\\d.]+)%\\)</title>`, 'g'))]
      return titles.reduce((n, m) => n + Number(m[2]), 0)
    }
    // perf report prints two decimals; the graph's root `all` also holds the other processes.
    for (const [name, pct] of [['worker', 99.85], ['phase_compute', 78.97], ['hot_matrix', 49.66], ['hot_hash', 29.31], ['phase_recurse', 20.88]] as const) {
      expect(share(name)).toBeCloseTo(pct, 1)
    }
  })

  it('the stack total is the folded total, in ns (cpu-clock periods)', () => {
    expect(readFileSync(svgPath, 'utf8')).toContain(`data-total="${referenceTotal}" data-unit="ns"`)
  })
})

describe.skipIf(!existsSync(CHROMIUM))('in headless Chromium', () => {
  let browser: Browser
  beforeAll(async () => { browser = await Browser.open(`file://${svgPath}`) }, 30_000)
  afterAll(() => browser?.close())

  it('shows the frames with their names', async () => {
    const shown = await browser.eval<string[]>(`[...document.querySelectorAll('#frames text')].filter(t => t.getBBox().width > 0).map(t => t.textContent)`)
    expect(shown).toEqual(expect.arrayContaining(['all', 'hotspots', 'worker', 'phase_compute', 'hot_matrix', 'hot_hash', 'hot_fib']))
  })

  it('the Search button asks for a regular expression, colors the matches, says their share', async () => {
    const box = await browser.eval<{ x: number; y: number }>(`(() => { const b = document.getElementById('search').getBBox(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 } })()`)
    const message = await browser.answerPrompt('^hot_(matrix|fib)$', () => browser.click(box.x, box.y))
    expect(message).toMatch(/regular expression/)
    const matched = await browser.eval<string>(`document.getElementById('matched').textContent`)
    expect(Number(/Matched: ([\d.]+)%/.exec(matched)![1])).toBeCloseTo(referenceShare(/^hot_(matrix|fib)$/), 2)
    const colored = await browser.eval<string[]>(`[...document.querySelectorAll('#frames g[data-match]')].map(g => g.getAttribute('data-n'))`)
    expect(new Set(colored)).toEqual(new Set(['hot_matrix', 'hot_fib']))
    await browser.click(box.x, box.y) // now "Reset Search"
    expect(await browser.eval<string>(`document.getElementById('matched').textContent`)).toBe('')
  })

  it('a click zooms on a frame: it fills the width, its callers stay, other frames hide; Reset Zoom undoes it', async () => {
    const at = await browser.eval<{ x: number; y: number }>(`(() => { const g = [...document.querySelectorAll('#frames g')].find(g => g.getAttribute('data-n') === 'phase_recurse'); const b = g.querySelector('rect').getBBox(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 } })()`)
    await browser.click(at.x, at.y)
    const state = await browser.eval<Record<string, string>>(`(() => { const o = {}; for (const g of document.querySelectorAll('#frames g')) { const n = g.getAttribute('data-n'); if (['phase_recurse', 'hot_matrix', 'worker'].includes(n)) o[n] = (g.getAttribute('class') || '') + ':' + g.querySelector('rect').getAttribute('width') } return o })()`)
    expect(state).toEqual({ phase_recurse: ':1180.00', worker: 'parent:1180.00', hot_matrix: 'hidden:' + state.hot_matrix.split(':')[1] })
    const reset = await browser.eval<{ x: number; y: number }>(`(() => { const b = document.getElementById('reset').getBBox(); return { x: b.x + 5, y: b.y + b.height / 2 } })()`)
    await browser.click(reset.x, reset.y)
    expect(await browser.eval<number>(`document.querySelectorAll('#frames g.hidden').length`)).toBe(0)
  })

  it('the HTML page runs the same graph (search from the URL)', async () => {
    const page = await Browser.open(`file://${htmlPath}?s=phase_`)
    try {
      expect(await page.eval<string>('document.title')).toBe('hotspots <2 threads>')
      const matched = await page.eval<string>(`document.getElementById('matched').textContent`)
      expect(Number(/Matched: ([\d.]+)%/.exec(matched)![1])).toBeCloseTo(referenceShare(/phase_/), 2)
    } finally {
      page.close()
    }
  }, 30_000)
})

describe('graphs of the other folds', () => {
  const fixture = (name: string): string => join(FIXTURES, 'flamegraph', name)
  const foldTotal = (...args: string[]): number => spawnSync(process.execPath, [CLI, 'fold', ...args], { encoding: 'utf8' }).stdout
    .split('\n').filter((l) => l !== '').reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0)

  it('--offcpu: widths in ns of off-CPU time, the total of fold --offcpu', () => {
    const out = join(dir, 'offcpu.svg')
    flamegraph(fixture('offcpu-hackbench.perf-script.txt.gz'), '--offcpu', '-o', out)
    expect(readFileSync(out, 'utf8')).toContain(`data-total="${foldTotal(fixture('offcpu-hackbench.perf-script.txt.gz'), '--offcpu')}" data-unit="ns"`)
  })

  it('--tail: the samples inside the slowest wakeups (cpu-clock/freq=999/ periods are ns)', () => {
    const out = join(dir, 'tail.svg')
    flamegraph(fixture('tail-wakeup.perf-script.txt.gz'), '--tail', 'wakeup>1ms', '-o', out)
    const expected = readFileSync(fixture('tail-wakeup.folded-1000us.txt'), 'utf8').split('\n').filter((l) => l !== '')
      .reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0)
    expect(readFileSync(out, 'utf8')).toContain(`data-total="${expected}" data-unit="ns"`)
  })
})

describe('--folded: folded text as input', () => {
  it('stackcollapse-perf.pl output (and a diff against itself) draws the same graph as the trace', () => {
    const fromText = join(dir, 'folded.svg')
    const diff = join(dir, 'folded-diff.svg')
    const reference = `${REAL}/cpu/hotspots-small.folded.txt`
    flamegraph('--folded', reference, '-o', fromText)
    flamegraph('--folded', reference, '--diff', reference, '-o', diff)
    const frames = (svg: string): string[] => [...svg.matchAll(/<g data-o="([\d.e+]+)" data-v="([\d.e+]+)" data-d="(\d+)" data-n="([^"]*)"/g)].map((m) => m.slice(1).join(' '))
    const fromTrace = readFileSync(svgPath, 'utf8')
    expect(frames(readFileSync(fromText, 'utf8'))).toEqual(frames(fromTrace))
    expect(readFileSync(diff, 'utf8')).toContain('before 3992992989 (+0.00%)')
  })

  it('a line that is not `stack count` is bad input, with its line number', () => {
    const r = spawnSync(process.execPath, [CLI, 'flamegraph', '--folded', HOTSPOTS, '-o', join(dir, 'x.svg')], { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/hotspots-small\.perf-script\.txt\.gz:1: expected a folded stack line/)
  })
})

describe('differential graph and speedscope file', () => {
  it('--diff with the same trace: every frame unchanged (white), before = after', () => {
    const out = join(dir, 'same.svg')
    flamegraph(HOTSPOTS, '--diff', HOTSPOTS, '-o', out)
    const svg = readFileSync(out, 'utf8')
    const fills = new Set([...svg.matchAll(/<rect x="[\d.]+" y="\d+" width="[\d.]+" height="15" fill="([^"]+)"/g)].map((m) => m[1]))
    expect(fills).toEqual(new Set(['rgb(255,255,255)']))
    const worker = reference.filter(([f]) => f.includes('worker')).reduce((n, [, c]) => n + c, 0)
    expect(svg).toContain(`worker (${worker.toLocaleString('en-US')} ns, 99.85%), before ${worker} (+0.00%)`)
  })

  it('--diff against a profile of other work: frames new in the profile are red, the most changed the deepest', () => {
    // Before: the busy shell loops of fixtures/flamegraph, where `hotspots` never ran.
    const out = join(dir, 'diff.svg')
    flamegraph(HOTSPOTS, '--diff', join(FIXTURES, 'flamegraph/busy-loops.perf-script.txt.gz'), '-o', out)
    const svg = readFileSync(out, 'utf8')
    const frames = [...svg.matchAll(/data-n="([^"]*)"><title>[^<]*?\(([\d,]+) ns[^<]*, before (\d+) \(([^)]*)\)<\/title>\s*<rect [^>]*fill="rgb\((\d+),(\d+),(\d+)\)"/g)]
      .map((m) => ({ name: m[1], value: Number(m[2].replaceAll(',', '')), before: Number(m[3]), change: m[4], rgb: [Number(m[5]), Number(m[6]), Number(m[7])] }))
    expect(frames.length).toBeGreaterThan(10)
    const worker = frames.find((f) => f.name === 'worker')!
    expect(worker).toMatchObject({ before: 0, change: 'new' })
    for (const f of frames) {
      if (f.value > f.before) expect(f.rgb[0], f.name).toBe(255)
      if (f.value < f.before) expect(f.rgb[2], f.name).toBe(255)
    }
    expect(frames.find((f) => f.name === 'hotspots')!.rgb).toEqual([255, 55, 55]) // the largest change of all
  })

  it('speedscope: the samples and weights are the folded stacks of stackcollapse-perf.pl', () => {
    const out = join(dir, 'hotspots.speedscope.json')
    flamegraph(HOTSPOTS, '-o', out)
    const file = JSON.parse(readFileSync(out, 'utf8'))
    expect(file.$schema).toBe('https://www.speedscope.app/file-format-schema.json')
    const [profile] = file.profiles
    expect(profile).toMatchObject({ type: 'sampled', unit: 'nanoseconds', startValue: 0, endValue: referenceTotal })
    const lines = profile.samples.map((s: number[], i: number) => `${s.map((f) => file.shared.frames[f].name).join(';')} ${profile.weights[i]}`)
    expect(lines.sort()).toEqual(reference.map(([f, c]) => `${f.join(';')} ${c}`).sort())
  })
})
