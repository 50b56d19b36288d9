// Where the tests find their inputs: the shared real recordings and corpora, and our fixtures.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'

export const REAL = '/work/shared/fixtures-real'
export const CORPORA = '/work/shared/corpora'
export const OURS = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/ftrace-text')

export const haveShared = existsSync(REAL) && existsSync(CORPORA)

/** A file's text, gunzipped when it ends in .gz. */
export function readText(path: string): string {
  const raw = readFileSync(path)
  return (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')
}

/** Lines [from, to] (1-based, inclusive) of a text: a block cut out of a document of examples. */
export function linesOf(text: string, from: number, to: number): string {
  return text.split('\n').slice(from - 1, to).join('\n') + '\n'
}
