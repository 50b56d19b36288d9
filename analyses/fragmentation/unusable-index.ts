// The unusable free space index of mm/vmstat.c (debugfs extfrag/unusable_index): for an
// order, the part of the free memory in blocks too small for an allocation of that order,
// (free_pages - suitable_blocks << order) / free_pages, computed as the kernel does, in
// whole thousandths rounded down, and printed with 3 decimals.

/** Per order 0..freeBlocks.length-1, in thousandths (integer), as the kernel computes it. */
export function unusableIndexThousandths(freeBlocks: readonly number[]): number[] {
  let freePages = 0
  for (let o = 0; o < freeBlocks.length; o++) freePages += freeBlocks[o] * 2 ** o
  return freeBlocks.map((_, order) => {
    if (freePages === 0) return 0
    let suitable = 0
    for (let o = order; o < freeBlocks.length; o++) suitable += freeBlocks[o] * 2 ** (o - order)
    return Math.floor(((freePages - suitable * 2 ** order) * 1000) / freePages)
  })
}

/** 1 - largest free block / free memory, in %: how much of the free memory no single block holds. */
export function largestBlockFragPct(freeBlocks: readonly number[]): number | null {
  let freePages = 0
  let largest = 0
  for (let o = 0; o < freeBlocks.length; o++) {
    freePages += freeBlocks[o] * 2 ** o
    if (freeBlocks[o] > 0) largest = 2 ** o
  }
  return freePages === 0 ? null : 100 * (1 - largest / freePages)
}
