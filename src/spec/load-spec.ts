// Reads a spec file (TOML, schema in specs/README.md) into a typed Spec, refusing anything
// it does not understand with a SpecError naming the file, the criterion and the field.

import { readFile } from 'node:fs/promises'
import { parse, TomlError } from 'smol-toml'
import { readCheck } from './read-check.js'
import { SpecError } from './spec-error.js'
import { isTable, TableReader } from './table-reader.js'
import type { Baseline, Criterion, Spec } from './types.js'
import { unitInfo } from './units.js'

// Ids are dotted lower-case paths ("ipc.latency_local") so reports can sort and group them.
const ID = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/

function readBaseline(reader: TableReader): Baseline {
  const baseline: Baseline = { system: reader.string('system'), text: reader.string('text') }
  const value = reader.number('value', 'optional')
  const valueMax = reader.number('value_max', 'optional')
  const unit = reader.string('unit', 'optional')
  if ((value === undefined) !== (unit === undefined)) reader.fail(value === undefined ? 'value' : 'unit', 'value and unit go together')
  if (unit !== undefined) {
    try {
      unitInfo(unit)
    } catch (err) {
      reader.fail('unit', (err as Error).message)
    }
  }
  if (value !== undefined) baseline.value = value
  if (valueMax !== undefined) baseline.valueMax = valueMax
  if (unit !== undefined) baseline.unit = unit
  reader.done()
  return baseline
}

function readCriterion(table: Record<string, unknown>, file: string, index: number): Criterion {
  const rawId = table['id']
  const label = typeof rawId === 'string' ? rawId : `#${index + 1}`
  const reader = new TableReader(table, file, label, '')
  const id = reader.string('id')
  if (!ID.test(id)) reader.fail('id', `expected a dotted lower-case id like "ipc.latency_local", got "${id}"`)
  const info = {
    id,
    section: reader.string('section'),
    seedRow: reader.string('seed_row', 'optional'),
    seedTarget: reader.string('seed_target', 'optional'),
    context: reader.string('context', 'optional'),
    workload: reader.string('workload', 'optional'),
    notes: reader.string('notes', 'optional'),
  }
  const baselineReader = reader.sub('baseline', 'optional')
  const successReader = reader.sub('success', 'optional')
  const check = readCheck(reader)
  reader.done()
  const criterion: Criterion = { ...check, id: info.id, section: info.section }
  for (const key of ['seedRow', 'seedTarget', 'context', 'workload', 'notes'] as const) {
    if (info[key] !== undefined) criterion[key] = info[key]
  }
  if (baselineReader) criterion.baseline = readBaseline(baselineReader)
  if (successReader) {
    criterion.success = readCheck(successReader)
    successReader.done()
  }
  return criterion
}

function parseDocument(text: string, file: string): Record<string, unknown> {
  // Scripts that generate specs may find JSON easier to write; the schema is the same.
  if (file.endsWith('.json')) {
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch (err) {
      throw new SpecError(file, undefined, undefined, `not valid JSON: ${(err as Error).message}`)
    }
    if (!isTable(doc)) throw new SpecError(file, undefined, undefined, 'expected a JSON object at the top level')
    return doc
  }
  try {
    return parse(text) as Record<string, unknown>
  } catch (err) {
    if (err instanceof TomlError) {
      throw new SpecError(`${file}:${err.line}:${err.column}`, undefined, undefined, `not valid TOML: ${err.message.split('\n')[0]}`)
    }
    throw err
  }
}

/** Parses spec text, TOML or (for a `.json` file name) JSON; `file` names it in errors. */
export function parseSpec(text: string, file: string): Spec {
  const doc = parseDocument(text, file)
  const top = new TableReader(doc, file, undefined, '')
  const head = top.sub('spec')
  const spec: Spec = { file, name: head.string('name'), criteria: [] }
  const source = head.string('source', 'optional')
  const description = head.string('description', 'optional')
  if (source !== undefined) spec.source = source
  if (description !== undefined) spec.description = description
  head.done()

  const list = top.raw('criterion')
  if (!Array.isArray(list) || list.length === 0 || !list.every(isTable)) {
    throw new SpecError(file, undefined, 'criterion', 'expected one or more [[criterion]] tables')
  }
  top.done()
  const seen = new Set<string>()
  for (const [index, table] of list.entries()) {
    const criterion = readCriterion(table, file, index)
    if (seen.has(criterion.id)) throw new SpecError(file, criterion.id, 'id', 'is used by an earlier criterion too')
    seen.add(criterion.id)
    spec.criteria.push(criterion)
  }
  return spec
}

/** Reads and validates a spec file. Throws SpecError (the CLI turns it into exit code 2). */
export async function loadSpec(path: string): Promise<Spec> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    throw new SpecError(path, undefined, undefined, `cannot read the spec file: ${(err as Error).message}`)
  }
  return parseSpec(text, path)
}
