import type { RandomAccessSource } from './random-access-source.js'
import { readStoredText } from './stored-text.js'
import type { TraceDatLayout } from './trace-dat-layout.js'

export interface KernelSymbol {
  name: string
  /** Bytes past the symbol's start. */
  offset: number
  module: string | undefined
}

/** Address -> symbol over a /proc/kallsyms text: the nearest symbol at or below the address. */
export class Kallsyms {
  private readonly addresses: BigUint64Array
  private readonly names: string[]
  private readonly modules: (string | undefined)[]

  constructor(text: string) {
    const rows: { address: bigint; name: string; module: string | undefined }[] = []
    for (const line of text.split('\n')) {
      // "ffffffff81433060 t tick_nohz_handler" or "... t name\t[module]"
      const m = /^([0-9a-fA-F]+) \S+ (\S+)(?:\s+\[(\S+)\])?/.exec(line)
      // Address 0: hidden by kptr_restrict when the trace was recorded; it would match anything.
      const address = m ? BigInt(`0x${m[1]}`) : 0n
      if (m && address !== 0n) rows.push({ address, name: m[2]!, module: m[3] })
    }
    rows.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))
    this.addresses = BigUint64Array.from(rows, (r) => r.address)
    this.names = rows.map((r) => r.name)
    this.modules = rows.map((r) => r.module)
  }

  get size(): number {
    return this.names.length
  }

  lookup(address: bigint): KernelSymbol | undefined {
    const a = BigInt.asUintN(64, address)
    let lo = 0
    let hi = this.addresses.length - 1
    if (hi < 0 || a < this.addresses[0]!) return undefined
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.addresses[mid]! <= a) lo = mid
      else hi = mid - 1
    }
    return { name: this.names[lo]!, offset: Number(a - this.addresses[lo]!), module: this.modules[lo] }
  }
}

/** Reads the kallsyms the file stores (a few MB of text), or undefined when it has none. */
export async function readKallsyms(src: RandomAccessSource, layout: TraceDatLayout): Promise<Kallsyms | undefined> {
  if (layout.kallsyms === undefined) return undefined
  const text = await readStoredText(src, layout, layout.kallsyms, 'kallsyms')
  return text === '' ? undefined : new Kallsyms(text)
}
