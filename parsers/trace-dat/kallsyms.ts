import type { RandomAccessSource } from './random-access-source.js'
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
 * Compact on purpose: 120k names kept as strings (each a slice pinning the text) took ~35 MB of
 * the transcoding thread's heap, which V8 then let grow to a multiple of that before collecting.
 */
export class Kallsyms {
  private readonly addresses: BigUint64Array
  /** Every name, in address order, one after the other: name i ends where name i + 1 starts. */
  private readonly names: string
  private readonly nameStarts: Int32Array
  /** Index into `moduleNames`, -1 for the kernel's own symbols. */
  private readonly moduleIds: Int32Array
  private readonly moduleNames: string[] = []

  constructor(text: string) {
    const addresses: bigint[] = []
    const names: string[] = []
    const modules: (string | undefined)[] = []
    for (const line of text.split('\n')) {
      // "ffffffff81433060 t tick_nohz_handler" or "... t name\t[module]"
      const m = /^([0-9a-fA-F]+) \S+ (\S+)(?:\s+\[(\S+)\])?/.exec(line)
      // Address 0: hidden by kptr_restrict when the trace was recorded; it would match anything.
      const address = m ? BigInt(`0x${m[1]}`) : 0n
      if (m && address !== 0n) {
        addresses.push(address)
        names.push(m[2]!)
        modules.push(m[3])
      }
    }
    // By address, equal addresses in file order (lookup takes the last of them).
    const order = Array.from(addresses.keys()).sort((a, b) => (addresses[a]! < addresses[b]! ? -1 : addresses[a]! > addresses[b]! ? 1 : a - b))
    this.addresses = BigUint64Array.from(order, (i) => addresses[i]!)
    this.nameStarts = new Int32Array(order.length + 1)
    order.forEach((i, k) => { this.nameStarts[k + 1] = this.nameStarts[k]! + names[i]!.length })
    this.names = order.map((i) => names[i]).join('')
    const moduleIds = new Map<string, number>()
    this.moduleIds = Int32Array.from(order, (i) => {
      const module = modules[i]
      if (module === undefined) return -1
      let id = moduleIds.get(module)
      if (id === undefined) moduleIds.set(module, (id = this.moduleNames.push(module) - 1))
      return id
    })
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
      name: this.names.slice(this.nameStarts[lo], this.nameStarts[lo + 1]),
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
