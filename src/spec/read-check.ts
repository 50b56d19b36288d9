// One judged target of a spec file — a criterion's main target or its `success` check —
// from its TOML table: the target, the tolerance, and either how a trace measures it or
// why no trace can.

import { ANALYSES, BUILTIN_SPANS, STATISTICS } from './types.js'
import type { Check, Condition, Measure, Quantity, Selector, StatisticName, Target, WhereValue } from './types.js'
import { isTable, TableReader } from './table-reader.js'
import { unitInfo, UnitError, type Op } from './units.js'

const OPS: readonly Op[] = ['<', '<=', '>', '>=']

function readQuantity(reader: TableReader): Quantity {
  const value = reader.number('value')
  const unit = reader.table['unit'] === undefined ? 'count' : reader.string('unit')
  let info
  try {
    info = unitInfo(unit)
  } catch (err) {
    if (err instanceof UnitError) reader.fail('unit', err.message)
    throw err
  }
  return { value, unit, valueBase: value * info.toBase, kind: info.kind }
}

function readTarget(reader: TableReader): Target {
  const op = reader.oneOf('op', OPS)
  const target = { op, ...readQuantity(reader) }
  reader.done()
  return target
}

function readWhere(reader: TableReader | undefined): Record<string, WhereValue> | undefined {
  if (!reader) return undefined
  const out: Record<string, WhereValue> = {}
  const isScalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v)
  for (const field of Object.keys(reader.table)) {
    if (isTable(reader.table[field])) {
      const cmp = reader.sub(field)
      out[field] = { op: cmp.oneOf('op', [...OPS, '!=']), value: cmp.number('value') }
      cmp.done()
      continue
    }
    const value = reader.raw(field)
    if (!(isScalar(value) || (Array.isArray(value) && value.length > 0 && value.every(isScalar)))) {
      reader.fail(field, 'expected a value, a list of values, or { op, value }')
    }
    out[field] = value as WhereValue
  }
  return out
}

function readSelector(reader: TableReader): Selector {
  const selector: Selector = {}
  const span = reader.oneOf('span', BUILTIN_SPANS, 'optional')
  if (span) selector.span = span
  const strings = { begin: 'begin', begin_ts_field: 'beginTsField', end_ts_field: 'endTsField', cpu_idle_state: 'cpuIdleState' } as const
  for (const [key, name] of Object.entries(strings)) {
    const value = reader.string(key, 'optional')
    if (value !== undefined) selector[name] = value
  }
  const lists = { end: 'end', key: 'key', end_key: 'endKey', function: 'function', syscall: 'syscall', tasks: 'tasks', events: 'events' } as const
  for (const [key, name] of Object.entries(lists)) {
    const value = reader.stringList(key, 'optional')
    if (value !== undefined) selector[name] = value
  }
  const cpuRelation = reader.oneOf('cpu_relation', ['same', 'different'], 'optional')
  if (cpuRelation) selector.cpuRelation = cpuRelation
  for (const [key, name] of [['where', 'where'], ['begin_where', 'beginWhere'], ['end_where', 'endWhere']] as const) {
    const where = readWhere(reader.sub(key, 'optional'))
    if (where) selector[name] = where
  }
  reader.done()
  return selector
}

function checkSelectorFits(reader: TableReader, analysis: string, selector: Selector): void {
  if (analysis === 'spans') {
    const custom = selector.begin !== undefined || selector.end !== undefined
    if (custom === (selector.span !== undefined)) {
      reader.fail('selector', 'the spans analysis needs either a built-in `span` or a custom `begin` + `end`, not both')
    }
    if (custom && (selector.begin === undefined || selector.end === undefined)) {
      reader.fail('selector', 'a custom span needs both `begin` and `end`')
    }
    if (selector.span === 'funcgraph' && !selector.function) reader.fail('selector.function', 'is required for span = "funcgraph"')
  }
  if (analysis === 'events' && !selector.events) reader.fail('selector.events', 'is required for the events analysis')
}

function readConditions(reader: TableReader | undefined): Condition[] {
  if (!reader) return []
  const conditions = Object.keys(reader.table).map((name) => ({ name, ...readTarget(reader.sub(name)) }))
  reader.done()
  return conditions
}

function readMeasure(reader: TableReader, target: Target): Measure {
  const analysis = reader.oneOf('analysis', ANALYSES)
  const statistic = reader.oneOf('statistic', Object.keys(STATISTICS) as StatisticName[])
  const accepts = STATISTICS[statistic]
  if (accepts !== 'any' && !(accepts as readonly string[]).includes(target.kind)) {
    reader.fail('statistic', `"${statistic}" measures ${accepts.join(' or ')}, but the target's unit "${target.unit}" is a ${target.kind}`)
  }
  const selector = readSelector(reader.sub('selector'))
  checkSelectorFits(reader, analysis, selector)
  const measure: Measure = {
    analysis,
    selector,
    statistic,
    params: reader.scalars('params'),
    conditions: readConditions(reader.sub('condition', 'optional')),
    needsEvents: reader.stringList('needs_events')!,
    record: reader.string('record'),
  }
  const metric = reader.string('metric', 'optional')
  if (metric !== undefined) measure.metric = metric
  reader.done()
  return measure
}

/** Reads the check fields of `reader`; the caller reads its other fields and calls done(). */
export function readCheck(reader: TableReader): Check {
  const title = reader.string('title')
  const target = readTarget(reader.sub('target'))
  const toleranceReader = reader.sub('tolerance', 'optional')
  let tolerance: Quantity | undefined
  if (toleranceReader) {
    tolerance = readQuantity(toleranceReader)
    toleranceReader.done()
    if (tolerance.kind !== target.kind) reader.fail('tolerance.unit', `is a ${tolerance.kind}, but the target is a ${target.kind}`)
    if (tolerance.value < 0) reader.fail('tolerance.value', 'cannot be negative')
  }
  const base = tolerance ? { title, target, tolerance } : { title, target }
  if (!reader.boolean('measurable', true)) {
    if (reader.has('measure')) reader.fail('measure', 'must be absent when measurable = false')
    return { ...base, measurable: false, reason: reader.string('reason'), howToMeasure: reader.string('how_to_measure') }
  }
  for (const key of ['reason', 'how_to_measure']) {
    if (reader.has(key)) reader.fail(key, 'belongs only to a criterion with measurable = false')
  }
  return { ...base, measurable: true, measure: readMeasure(reader.sub('measure'), target) }
}
