// The one detection loop (inferno's guess.rs): ask each parser about the first bytes; each
// answers yes, no, or "need more"; read more while any still needs more.
import type { Parser } from '../../parsers/parser.js'
import { InputError } from '../errors.js'
import { peek, type OpenedInput } from '../input/open-input.js'
import { parserByName, PARSERS } from './formats.js'

const HEAD_STEPS = [4096, 65536, 1 << 20]

export interface Detected {
  parser: Parser
  /** the input's bytes from the start, head included */
  chunks: AsyncIterable<Uint8Array>
}

export async function detectFormat(input: OpenedInput, forced?: string): Promise<Detected> {
  let chunks = input.chunks
  let head: Uint8Array = new Uint8Array(0)
  for (const want of HEAD_STEPS) {
    const p = await peek(chunks, want)
    chunks = p.rest
    head = p.head
    const eof = head.length < want
    if (head.length === 0) throw new InputError(input.name, null, 'a trace', 'the input is empty')
    if (forced !== undefined) return { parser: parserByName(forced), chunks }
    const answers = PARSERS.map((parser) => ({ parser, answer: parser.detect(head, eof) }))
    const yes = answers.find((a) => a.answer === 'yes')
    if (yes) return { parser: yes.parser, chunks }
    if (eof || !answers.some((a) => a.answer === 'more')) break
  }
  throw new InputError(input.name, { line: 1 },
    `a trace in one of the formats ${PARSERS.map((p) => p.format).join(', ')} (or --format to force one)`,
    excerptOfHead(head))
}

function excerptOfHead(head: Uint8Array): string {
  const end = Math.min(head.indexOf(0x0a) < 0 ? head.length : head.indexOf(0x0a), 80)
  return Buffer.from(head.subarray(0, end)).toString('latin1').replace(/[^\x20-\x7e\t]/g, '?')
}

