// loadSpec on small hand-written spec files: what a valid file becomes, and that each kind of
// mistake stops with a SpecError naming the file, the criterion and the field.

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadSpec, parseSpec } from '../src/spec/load-spec.js'
import { SpecError } from '../src/spec/spec-error.js'

const GOOD = `
[spec]
name = "demo"

[[criterion]]
id = "sched.wakeup"
section = "Scheduling"
title = "Wakeup latency"
target = { op = "<", value = 10, unit = "us" }
tolerance = { value = 500, unit = "ns" }
baseline = { system = "Linux", text = "Linux: ~2-4 µs", value = 2, value_max = 4, unit = "us" }
[criterion.measure]
analysis = "sched-latency"
metric = "delay"
statistic = "p99"
needs_events = ["sched:sched_switch", "sched:sched_waking"]
record = "perf record -e sched:sched_switch -e sched:sched_waking -a"
[criterion.measure.selector]
tasks = ["cyclictest"]
[criterion.measure.condition]
load = { op = ">=", value = 80, unit = "%" }

[[criterion]]
id = "core.size"
section = "Core"
title = "Binary size"
target = { op = "<", value = 3, unit = "MB" }
measurable = false
reason = "Not an event"
how_to_measure = "stat -c %s kernel.elf"
`

function write(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'spec-')), 'spec.toml')
  writeFileSync(file, text)
  return file
}

/** GOOD with one line replaced, to make each mistake in an otherwise valid file. */
const breaking = (from: string, to: string) => {
  if (!GOOD.includes(from)) throw new Error(`fixture lacks ${from}`)
  return GOOD.replace(from, to)
}

describe('loadSpec', () => {
  it('reads a valid file into typed criteria with base-unit values', async () => {
    const spec = await loadSpec(write(GOOD))
    expect(spec.name).toBe('demo')
    const [wakeup, size] = spec.criteria
    expect(wakeup).toMatchObject({
      id: 'sched.wakeup',
      measurable: true,
      target: { op: '<', value: 10, unit: 'us', valueBase: 10_000, kind: 'duration' },
      tolerance: { value: 500, unit: 'ns', valueBase: 500, kind: 'duration' },
      baseline: { system: 'Linux', value: 2, valueMax: 4, unit: 'us' },
      measure: {
        analysis: 'sched-latency',
        metric: 'delay',
        statistic: 'p99',
        selector: { tasks: ['cyclictest'] },
        conditions: [{ name: 'load', op: '>=', valueBase: 80, kind: 'percent' }],
        needsEvents: ['sched:sched_switch', 'sched:sched_waking'],
      },
    })
    expect(size).toMatchObject({ id: 'core.size', measurable: false, reason: 'Not an event', howToMeasure: 'stat -c %s kernel.elf' })
    expect(size!.target.valueBase).toBe(3_000_000)
  })

  it.each([
    ['a misspelt field', 'tolerance = {', 'tolerence = {', 'criterion "sched.wakeup": field "tolerence": unknown field'],
    ['an unknown statistic', 'statistic = "p99"', 'statistic = "p98"', 'field "measure.statistic": expected one of "p50"'],
    ['an unknown analysis', 'analysis = "sched-latency"', 'analysis = "sched-latancy"', 'field "measure.analysis"'],
    ['an unknown unit', 'value = 10, unit = "us"', 'value = 10, unit = "usec"', 'field "target.unit": unknown unit "usec"'],
    ['a statistic that cannot give the unit', 'statistic = "p99"', 'statistic = "jain_index"', 'field "measure.statistic": "jain_index" measures index'],
    ['a tolerance of another kind', 'value = 500, unit = "ns" }', 'value = 5, unit = "%" }', 'field "tolerance.unit": is a percent'],
    ['a bad comparison', 'op = "<", value = 10', 'op = "=<", value = 10', 'field "target.op": expected one of'],
    ['a missing title', 'title = "Wakeup latency"', '', 'criterion "sched.wakeup": field "title": is required'],
    ['a missing record command', 'record = "perf record -e sched:sched_switch -e sched:sched_waking -a"', '', 'field "measure.record": is required'],
    ['no reason for an unmeasurable row', 'reason = "Not an event"', '', 'criterion "core.size": field "reason": is required'],
    ['a bad id', 'id = "core.size"', 'id = "Core Size"', 'field "id": expected a dotted lower-case id'],
    ['a duplicate id', 'id = "core.size"', 'id = "sched.wakeup"', 'criterion "sched.wakeup": field "id": is used by an earlier criterion'],
    ['a condition with a string value', 'value = 80, unit = "%"', 'value = "80", unit = "%"', 'field "measure.condition.load.value": expected a number'],
    ['a selector typo', 'tasks = ["cyclictest"]', 'task = ["cyclictest"]', 'field "measure.selector.task": unknown field'],
  ])('names the field of %s', async (_what, from, to, message) => {
    const file = write(breaking(from, to))
    const error = await loadSpec(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SpecError)
    expect((error as Error).message).toContain(file)
    expect((error as Error).message).toContain(message)
  })

  it('checks that a spans criterion says which spans', () => {
    const text = breaking('analysis = "sched-latency"', 'analysis = "spans"')
    expect(() => parseSpec(text, 'x.toml')).toThrow(/field "measure.selector": the spans analysis needs either a built-in `span` or a custom `begin` \+ `end`/)
  })

  it('reads the same schema written as JSON', () => {
    const json = JSON.stringify({
      spec: { name: 'json demo' },
      criterion: [{
        id: 'irq.handler', section: 'IRQ', title: 'IRQ handler duration',
        target: { op: '<', value: 2, unit: 'us' },
        measure: { analysis: 'spans', statistic: 'p50', selector: { span: 'irq' }, needs_events: ['irq:irq_handler_entry'], record: 'perf record -e irq:irq_handler_entry -a' },
      }],
    })
    const spec = parseSpec(json, 'demo.json')
    expect(spec.criteria[0]).toMatchObject({ id: 'irq.handler', target: { valueBase: 2000 }, measure: { selector: { span: 'irq' } } })
    expect(() => parseSpec('{"spec": ', 'bad.json')).toThrow(/^bad\.json: not valid JSON/)
  })

  it('reports TOML syntax errors with the line', () => {
    expect(() => parseSpec('[spec]\nname = "x"\nbroken = \n', 'x.toml')).toThrow(/^x\.toml:3:\d+: not valid TOML/)
  })

  it('reports a file it cannot read', async () => {
    await expect(loadSpec('/nonexistent/spec.toml')).rejects.toThrow(/\/nonexistent\/spec.toml: cannot read the spec file/)
  })
})
