// Page allocations not freed (yet), as `perf kmem --page stat` pairs mm_page_alloc with
// mm_page_free by pfn: what is left at the end is its "alloc-only" requests (leak candidates),
// frees without an allocation its "free-only" ones. A pfn can be allocated again before its
// free is seen; each allocation waits for a free of its own.

export interface LivePages {
  /** pfn -> [order, ts] of each allocation not freed */
  live: Map<number, [number, number][]>
  /** frees of pages allocated before the trace */
  freesWithoutAlloc: number
}

export function createLivePages(): LivePages {
  return { live: new Map(), freesWithoutAlloc: 0 }
}

export function pageAllocated(l: LivePages, pfn: number, order: number, tsNs: number): void {
  const allocs = l.live.get(pfn)
  if (allocs === undefined) l.live.set(pfn, [[order, tsNs]])
  else allocs.push([order, tsNs])
}

export function pageFreed(l: LivePages, pfn: number): void {
  const allocs = l.live.get(pfn)
  if (allocs === undefined) l.freesWithoutAlloc++
  else if (allocs.length === 1) l.live.delete(pfn)
  else allocs.shift()
}
