// A model of the buddy allocator's free lists, by order, driven by a stream of block
// allocations and frees: an allocation takes a block of its order, or splits the smallest
// larger one (leaving one free block at each order in between); a free coalesces with its
// buddy (pfn ^ 1 << order) when the stream showed that buddy freed and not taken since.
// Optionally seeded with a /proc/buddyinfo snapshot. Blocks the stream never showed freed have
// no known place, so they never coalesce: the total of free pages is exact when the stream is
// (see fragmentation-analysis.ts for which events make it so), the split by order a model.
import { largestBlockFragPct, unusableIndexThousandths } from './unusable-index.js'

export const PAGE_ALLOC = 0
export const PAGE_FREE = 1

export interface FreeListSample {
  ts_ns: number
  free_pages: number
  /** per order */
  free_blocks: number[]
  /** per order, mm/vmstat.c's unusable free space index (0..1, 3 decimals) */
  unusable_index: number[]
  /** 1 - largest free block / free memory, % (null with no free memory) */
  largest_block_frag_pct: number | null
}

export interface PageReplay {
  freeBlocks: number[]
  /** per order, the first pfns of free blocks whose place the trace showed (never more than freeBlocks[order]) */
  knownFree: Set<number>[]
  /** allocations the model had no free block for (memory free before the trace, without a seed) */
  unmodelled: number
  allocs: number
  frees: number
  intervalNs: number
  nextSampleNs: number
  lastTsNs: number
  timeline: FreeListSample[]
}

export function createPageReplay(orders: number, seed: number[] | null, intervalNs: number): PageReplay {
  const freeBlocks = new Array<number>(orders).fill(0)
  if (seed) for (let o = 0; o < Math.min(orders, seed.length); o++) freeBlocks[o] = seed[o]
  return {
    freeBlocks, knownFree: freeBlocks.map(() => new Set<number>()), unmodelled: 0, allocs: 0, frees: 0,
    intervalNs, nextSampleNs: NaN, lastTsNs: NaN, timeline: [],
  }
}

export function sampleOf(r: PageReplay, tsNs: number): FreeListSample {
  let freePages = 0
  for (let o = 0; o < r.freeBlocks.length; o++) freePages += r.freeBlocks[o] * 2 ** o
  return {
    ts_ns: tsNs, free_pages: freePages, free_blocks: [...r.freeBlocks],
    unusable_index: unusableIndexThousandths(r.freeBlocks).map((x) => x / 1000),
    largest_block_frag_pct: largestBlockFragPct(r.freeBlocks),
  }
}

function allocate(r: PageReplay, pfn: number, order: number): void {
  if (r.knownFree[order].delete(pfn)) {
    r.freeBlocks[order]--
    return
  }
  let j = order
  while (j < r.freeBlocks.length && r.freeBlocks[j] === 0) j++
  if (j === r.freeBlocks.length) {
    r.unmodelled++
    return
  }
  // Some free block of order j, place unknown: if all of them had known places, one of those (the oldest) is gone.
  r.freeBlocks[j]--
  const known = r.knownFree[j]
  if (known.size > r.freeBlocks[j]) known.delete(known.values().next().value!)
  for (let o = order; o < j; o++) r.freeBlocks[o]++
}

function release(r: PageReplay, pfn: number, order: number): void {
  let p = pfn
  let o = order
  // pfn ^ (1 << o) without 32-bit bitwise operators: pfns of large machines exceed 2^31.
  const buddyOf = (q: number, k: number): number => (q % 2 ** (k + 1) < 2 ** k ? q + 2 ** k : q - 2 ** k)
  while (o < r.freeBlocks.length - 1 && r.knownFree[o].delete(buddyOf(p, o))) {
    r.freeBlocks[o]--
    p = Math.min(p, buddyOf(p, o))
    o++
  }
  r.knownFree[o].add(p)
  r.freeBlocks[o]++
}

export function replayPageEvent(r: PageReplay, kind: number, tsNs: number, pfn: number, order: number): void {
  // One sample (the lists as they stand before this event) per interval that saw events: a quiet hour adds nothing.
  if (!(tsNs < r.nextSampleNs)) {
    r.timeline.push(sampleOf(r, tsNs))
    r.nextSampleNs = tsNs + r.intervalNs
  }
  r.lastTsNs = tsNs
  if (order < 0 || order >= r.freeBlocks.length) return
  if (kind === PAGE_ALLOC) {
    r.allocs++
    allocate(r, pfn, order)
  } else {
    r.frees++
    release(r, pfn, order)
  }
}
