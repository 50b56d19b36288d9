import type { BufferData } from './trace-dat-layout.js'

const hasEvents = (b: BufferData) => b.cpus.some((c) => c.size > 0)

/**
 * The buffer to read: the one asked for, else the top-level buffer when it holds data, else the
 * first instance that does (trace-cmd extract -B writes an empty top buffer). trace-cmd report
 * interleaves every buffer; this reads one, so the others holding events become warnings.
 * A string is what was expected when no buffer has the asked-for name.
 */
export function chooseBuffer(buffers: readonly BufferData[], requested: string | undefined): { buffer: BufferData; warnings: string[] } | string {
  const name = requested ?? (buffers.find((b) => b.name === '' && hasEvents(b)) ?? buffers.find(hasEvents))?.name ?? ''
  const buffer = buffers.find((b) => b.name === name)
  if (buffer === undefined) return `a buffer named ${JSON.stringify(name)}`
  const warnings = buffers
    .filter((b) => b !== buffer && hasEvents(b))
    .map((b) => `buffer ${JSON.stringify(b.name)} also holds events; read it with { buffer: ${JSON.stringify(b.name)} }`)
  return { buffer, warnings }
}
