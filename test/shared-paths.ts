// Where the shared reference data sits: beside the checkout (CI clones the project next to
// shared/), or where EXOTRACE_SHARED points.
import { existsSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const SHARED = process.env.EXOTRACE_SHARED ?? resolve(ROOT, '..', 'shared')
export const REAL = join(SHARED, 'fixtures-real')
export const CORPORA = join(SHARED, 'corpora')
export const FIXTURES = join(ROOT, 'fixtures')
export const CLI = join(ROOT, 'dist', 'src', 'cli.js')

if (!existsSync(SHARED)) throw new Error(`shared reference data not found at ${SHARED}; set EXOTRACE_SHARED`)

/** A fixture's bytes, gunzipped when its name ends in .gz. */
export function readText(path: string): Buffer {
  const raw = readFileSync(path)
  return path.endsWith('.gz') ? gunzipSync(raw) : raw
}
