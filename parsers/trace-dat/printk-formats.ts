import type { RandomAccessSource } from './random-access-source.js'
import { readStoredText } from './stored-text.js'
import type { TraceDatLayout } from './trace-dat-layout.js'

/**
 * The kernel strings that events carry as pointers (trace_printk formats, tracepoint_string()s
 * such as rcu_utilization's): printk_formats lines `0xADDRESS : "text"`.
 */
export async function readPrintkFormats(src: RandomAccessSource, layout: TraceDatLayout): Promise<Map<bigint, string>> {
  const strings = new Map<bigint, string>()
  if (layout.printk === undefined) return strings
  const text = await readStoredText(src, layout, layout.printk, 'printk formats')
  for (const line of text.split('\n')) {
    const m = /^0x([0-9a-fA-F]+)\s*:\s*"(.*)"\s*$/.exec(line)
    if (m) strings.set(BigInt(`0x${m[1]}`), m[2]!)
  }
  return strings
}
