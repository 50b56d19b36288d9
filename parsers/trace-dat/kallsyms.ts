import type { RandomAccessSource } from './random-access-source.js'
import { grown } from '../../tables/grown.js'
import { readStoredText } from './stored-text.js'
import type { TraceDatLayout } from './trace-dat-layout.js'

export interface KernelSymbol {
  name: string
  /** Bytes past the symbol's start. */
  offset: number
  module: string | undefined
}

/**
 * Address -> symbol over a /proc/kallsyms text: the nearest symbol at or below the address.
 * Compact on purpose: 120k names kept as strings (each a slice pinning the text) and the
 * arrays that built them took ~35 MB of the transcoding thread's heap, which V8 then let grow
 * to a multiple of that before collecting. Here: the text, and typed arrays into it.
 */
export class Kallsyms {
  private readonly addresses: BigUint64Array
  /** Where each symbol's name is in the text, in address order. */
  private readonly nameStarts: Int32Array
  private readonly nameEnds: Int32Array
  /** Index into `moduleNames`, -1 for the kernel's own symbols. */
  private readonly moduleIds: Int32Array
  private readonly moduleNames: string[] = []

  constructor(private readonly text: string) {
    // "ffffffff81433060 t tick_nohz_handler" or "... t name\t[module]", one per line
    const line = /([0-9a-fA-F]+) \S+ (\S+)(?:[^\S\n]+\[(\S+)\])?/dy
    let n = 0
    let addresses = new BigUint64Array(1024)
    let starts = new Int32Array(1024)
    let ends = new Int32Array(1024)
    let modules = new Int32Array(1024)
    const moduleIds = new Map<string, number>()
    for (let at = 0; at < text.length;) {
      const nl = text.indexOf('\n', at)
      const lineEnd = nl < 0 ? text.length : nl
      line.lastIndex = at
      const m = line.exec(text)
      // Address 0: hidden by kptr_restrict when the trace was recorded; it would match anything.
      const address = m !== null && m.index + m[0].length <= lineEnd ? BigInt(`0x${m[1]}`) : 0n
      if (address !== 0n) {
        if (n === addresses.length) {
          addresses = grown(addresses)
          starts = grown(starts)
          ends = grown(ends)
          modules = grown(modules)
        }
        const [nameStart, nameEnd] = m!.indices![2]!
        const module = m![3]
        let id = -1
        if (module !== undefined) {
          id = moduleIds.get(module) ?? -1
          if (id < 0) moduleIds.set(module, (id = this.moduleNames.push(module) - 1))
        }
        addresses[n] = address
        starts[n] = nameStart
        ends[n] = nameEnd
        modules[n] = id
        n++
      }
      at = lineEnd + 1
    }
    // By address, equal addresses in file order (lookup takes the last of them).
    const order = new Int32Array(n).map((_, i) => i)
      .sort((a, b) => (addresses[a]! < addresses[b]! ? -1 : addresses[a]! > addresses[b]! ? 1 : a - b))
    this.addresses = BigUint64Array.from(order, (i) => addresses[i]!)
    this.nameStarts = order.map((i) => starts[i]!)
    this.nameEnds = order.map((i) => ends[i]!)
    this.moduleIds = order.map((i) => modules[i]!)
  }

  get size(): number {
    return this.addresses.length
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
    const module = this.moduleIds[lo]!
    return {
      name: this.text.slice(this.nameStarts[lo], this.nameEnds[lo]),
      offset: Number(a - this.addresses[lo]!),
      module: module < 0 ? undefined : this.moduleNames[module],
    }
  }
}

/** Reads the kallsyms the file stores (a few MB of text), or undefined when it has none. */
export async function readKallsyms(src: RandomAccessSource, layout: TraceDatLayout): Promise<Kallsyms | undefined> {
  if (layout.kallsyms === undefined) return undefined
  const text = await readStoredText(src, layout, layout.kallsyms, 'kallsyms')
  return text === '' ? undefined : new Kallsyms(text)
}
