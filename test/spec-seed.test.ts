// specs/exo-os.toml must encode every row of the seed's spec tables, each exactly once, with
// the seed's target transcribed faithfully. The rows are read from the seed itself, so a row
// added to the seed fails this test until it gets a criterion.

import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadSpec } from '../src/spec/load-spec.js'
import { parseQuantity, type ParsedQuantity } from '../src/spec/units.js'
import { SHARED } from './shared-paths.js'

// The seed travels with the repository (specs/source/) so the test runs anywhere; where the
// shared original is at hand, the copy must not have drifted from it.
const SEED = fileURLToPath(new URL('../specs/source/exo-os-benchmarks.md', import.meta.url))
const SHARED_SEED = `${SHARED}/seed/exo-os-benchmarks.md`
const SPEC = fileURLToPath(new URL('../specs/exo-os.toml', import.meta.url))

interface SeedRow {
  section: string
  label: string
  target: string
  line: number
}

const plain = (text: string) => text.replaceAll('**', '').replaceAll('`', '').trim()
// Headings carry an emoji and bold markers: "### 🔄 **SCHEDULING & CONTEXT SWITCHING**".
const headingText = (line: string) => plain(line.replace(/^#+/, '')).replace(/^[^\p{L}\p{N}]+/u, '').trim()

/**
 * The rows of the seed's spec: in the part headed "Spécifications Techniques", every `##`
 * section that holds a table; in it, each table body row and each bold bullet
 * ("- **Ping-Pong (2 agents)** : < 1 µs round-trip") of the "Tests ..." lists. Sections
 * without a table ("Méthodologie de test": tools and machines) state no targets.
 */
function seedRows(markdown: string): SeedRow[] {
  const lines = markdown.split('\n')
  const start = lines.findIndex((l) => /^# .*Spécifications Techniques/.test(l))
  if (start < 0) throw new Error('seed: no "# ... Spécifications Techniques" heading')
  const rows: SeedRow[] = []
  let chapter: SeedRow[] = []
  let chapterHasTable = false
  let section = ''
  const closeChapter = () => {
    if (chapterHasTable) rows.push(...chapter)
    chapter = []
    chapterHasTable = false
  }
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!
    if (/^# /.test(line)) break
    if (/^## /.test(line)) closeChapter()
    if (/^#{3,} /.test(line)) section = headingText(line)
    const cells = line.trim().startsWith('|') ? line.trim().slice(1, -1).split('|').map(plain) : undefined
    if (cells) {
      const isSeparator = cells.every((c) => /^:?-+:?$/.test(c))
      const isHeader = lines[i + 1]?.trim().startsWith('|') && /^\|[\s:|-]+\|$/.test(lines[i + 1]!.trim())
      if (isSeparator) chapterHasTable = true
      if (!isSeparator && !isHeader) chapter.push({ section, label: cells[0]!, target: cells[1]!, line: i + 1 })
      continue
    }
    const bullet = /^- \*\*(.+?)\*\*\s*:\s*(.+)$/.exec(line.trim())
    if (bullet) chapter.push({ section, label: plain(bullet[1]!), target: plain(bullet[2]!), line: i + 1 })
  }
  closeChapter()
  return rows
}

/** The longest leading run of words of the seed's target that reads as a quantity. */
function leadingQuantity(text: string): ParsedQuantity | undefined {
  const words = text.split(/\s+/)
  for (let n = words.length; n > 0; n--) {
    try {
      return parseQuantity(words.slice(0, n).join(' '))
    } catch {
      // shorter prefix next
    }
  }
  return undefined
}

describe('specs/exo-os.toml covers the seed', async () => {
  const rows = seedRows(readFileSync(SEED, 'utf8'))
  const spec = await loadSpec(SPEC)

  it.runIf(existsSync(SHARED_SEED))('uses an up-to-date copy of the shared seed', () => {
    expect(readFileSync(SEED, 'utf8')).toBe(readFileSync(SHARED_SEED, 'utf8'))
  })

  it('finds the seed tables and bullet lists', () => {
    const sections = new Set(rows.map((r) => r.section))
    expect(sections).toContain('CORE KERNEL - Performances Critiques')
    expect(sections).toContain('Tests IPC Spécifiques')
    expect(sections).toContain('Syscalls Critiques')
    expect(sections).toContain('SCALABILITY')
    expect(rows.some((r) => r.label === 'RDTSC')).toBe(false)
    expect(rows.every((r) => r.label !== '' && r.target !== '')).toBe(true)
  })

  it('has exactly one criterion per seed row, and none without one', () => {
    for (const row of rows) {
      const matches = spec.criteria.filter((c) => c.section === row.section && c.seedRow === row.label)
      expect(matches.map((c) => c.id), `seed line ${row.line}: ${row.section} / ${row.label}`).toHaveLength(1)
    }
    for (const c of spec.criteria) {
      expect(rows.some((r) => r.section === c.section && r.label === c.seedRow), `criterion ${c.id}`).toBe(true)
    }
    expect(spec.criteria).toHaveLength(rows.length)
  })

  it('copies each seed target verbatim and encodes its number, unit and comparison', () => {
    let checked = 0
    for (const row of rows) {
      const c = spec.criteria.find((x) => x.section === row.section && x.seedRow === row.label)!
      expect(c.seedTarget, c.id).toBe(row.target)
      const seed = leadingQuantity(row.target)
      // Targets that start with a number or a comparison must parse; those that start with a
      // word ("Survive 10k forks", "Stable under 95% RAM") are checked by hand in review.
      if (/^[<>≤≥\d]/.test(row.target)) expect(seed, `seed line ${row.line}: "${row.target}"`).toBeDefined()
      if (!seed) continue
      checked++
      expect(c.target.valueBase, c.id).toBeCloseTo(seed.value, 6)
      if (seed.op) expect(c.target.op, c.id).toBe(seed.op)
      // A bare number's unit is in the row's name ("Scheduling decisions/sec": > 100,000).
      if (seed.kind !== 'count') expect(c.target.kind, c.id).toBe(seed.kind)
    }
    expect(checked).toBeGreaterThan(rows.length / 2)
  })

  it('records the events each check needs, and says why and what else measures the rest', () => {
    for (const c of spec.criteria) {
      const checks = c.success ? [c, c.success] : [c]
      for (const check of checks) {
        if (check.measurable) {
          const { needsEvents, record } = check.measure
          expect(needsEvents.length, c.id).toBeGreaterThan(0)
          expect(record, c.id).toMatch(/perf|trace-cmd|bpftrace/)
          for (const event of needsEvents) {
            const [subsystem] = event.split(':')
            const recorded = event.startsWith('ftrace:funcgraph_')
              ? record.includes('-p function_graph')
              : record.includes(`-e ${event}`) || record.includes(`-e '${subsystem}:*'`)
            expect(recorded, `${c.id}: ${event} in: ${record}`).toBe(true)
          }
        } else {
          expect(check.reason.length, c.id).toBeGreaterThan(20)
          expect(check.howToMeasure.length, c.id).toBeGreaterThan(20)
        }
      }
    }
  })
})
