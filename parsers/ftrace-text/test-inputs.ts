// Where the tests find their inputs (the shared recordings and corpora, as perf-script's tests
// name them, and our fixtures), read as text.
import { existsSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { CORPORA, REAL } from '../../test/shared-paths.js'

export { CORPORA, REAL }
export const OURS = new URL('../../fixtures/ftrace-text', import.meta.url).pathname

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
