// A side of `compare`: a saved `check --json` result, or a trace or dataset checked here
// against the spec.
import { closeSync, openSync, readSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import type { CheckResult } from '../check/check-result.js'
import { check, type CheckOptions } from '../check/run-check.js'
import { InputError, UsageError } from '../errors.js'

async function savedResult(path: string): Promise<CheckResult | undefined> {
  if ((await stat(path).catch(() => null))?.isFile() !== true) return undefined
  // `check --json` writes `kind` first; a trace (perf's JSON included) never starts so.
  const head = Buffer.alloc(80)
  const fd = openSync(path, 'r')
  const n = readSync(fd, head, 0, head.length, 0)
  closeSync(fd)
  if (!/^\s*\{\s*"kind"\s*:\s*"exotrace-check"/.test(head.subarray(0, n).toString('utf8'))) return undefined
  let data: unknown
  try {
    data = JSON.parse(await readFile(path, 'utf8'))
  } catch (e) {
    throw new InputError(path, null, 'a JSON result of exotrace check --json', (e as Error).message)
  }
  const r = data as Partial<CheckResult>
  if (r.version !== 1 || !Array.isArray(r.criteria)) {
    throw new InputError(path, null, 'a JSON result of exotrace check --json (version 1)', JSON.stringify(data).slice(0, 120))
  }
  return r as CheckResult
}

export async function loadRun(input: string, spec: string | undefined, options: CheckOptions): Promise<CheckResult> {
  const saved = await savedResult(input)
  if (saved) return saved
  if (spec === undefined) throw new UsageError(`${input} is a trace or dataset, not a saved check result: give --spec FILE to check it`)
  return check([input], spec, options)
}
