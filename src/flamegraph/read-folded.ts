// Folded stacks as text (`frame;frame;frame COUNT` per line, what stackcollapse-*.pl, inferno
// and `exotrace fold` write) read back, for `exotrace flamegraph --folded`: identical stacks
// are summed, as flamegraph.pl sums them.
import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import { InputError, UsageError } from '../errors.js'
import type { Folded } from './flame-tree.js'

const LINE = /^(.*\S)\s+(\d+(?:\.\d+)?)$/

export function parseFolded(text: string, file: string): Folded {
  const weights = new Map<string, number>()
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue
    const m = LINE.exec(lines[i])
    if (m === null) throw new InputError(file, { line: i + 1 }, 'a folded stack line: frame;frame;frame COUNT', lines[i].slice(0, 80))
    weights.set(m[1], (weights.get(m[1]) ?? 0) + Number(m[2]))
  }
  if (weights.size === 0) throw new InputError(file, null, 'folded stack lines', 'none')
  return { stacks: [...weights.keys()], counts: [...weights.values()] }
}

export async function readFolded(file: string): Promise<Folded> {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new UsageError(e.code === 'ENOENT' ? `${file}: no such file` : `${file}: ${e.message}`)
  })
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8')
  return parseFolded(text, file)
}
