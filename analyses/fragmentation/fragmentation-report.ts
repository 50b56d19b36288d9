// The fragmentation result: internal (per call site, as perf kmem stat --caller sorts it: by
// Frag, then hits, then bytes), external (free-list samples over time, the final state, the
// seed's own unusable index per zone), and the leak candidates.
import type { Coverage } from '../analysis.js'
import { windowCoverage, type WindowCoverage } from '../lost-in-window.js'
import type { FragmentationAcc, FragmentationParams } from './fragmentation-analysis.js'
import { sampleOf, type FreeListSample } from './page-replay.js'
import { unusableIndexThousandths } from './unusable-index.js'

export interface CallSiteRow {
  call_site: string
  hits: number
  bytes_req: number
  bytes_alloc: number
  /** 100 - 100 * bytes_req / bytes_alloc */
  frag_pct: number
  pingpong: number
}

export interface LeakRow {
  call_site: string
  objects: number
  bytes_alloc: number
  oldest_ns: number
}

export interface FragmentationResult {
  unit: 'bytes'
  coverage: Coverage & WindowCoverage
  internal: { call_sites: CallSiteRow[] }
  external: {
    /** what drove the free lists: the buddy allocator's own events, or every page request (per-CPU list traffic included) */
    source: 'buddy_events' | 'page_requests'
    seeded: boolean
    /** the seed snapshot's own index per node and zone (what debugfs extfrag/unusable_index showed then) */
    seed_unusable_index: { node: number; zone: string; unusable_index: number[] }[]
    page_allocs: number
    page_frees: number
    /** allocations the model had no free block for: memory free before the trace, without a seed */
    unmodelled_allocs: number
    frees_without_alloc: number
    timeline: FreeListSample[]
    final: FreeListSample
    max_largest_block_frag_pct: number | null
  }
  leaks: { objects: number; bytes_alloc: number; by_call_site: LeakRow[]; pages: number; pages_by_order: number[] }
  total: {
    allocs: number
    frees: number
    bytes_req: number
    bytes_alloc: number
    bytes_freed: number
    /** (bytes_alloc - bytes_req) / bytes_alloc, % */
    internal_frag_pct: number | null
    pingpong: number
    frees_without_alloc: number
  }
}

const fragPct = (req: number, alloc: number): number => 100 - (100 * req) / alloc

export function fragmentationReport(acc: FragmentationAcc, p: FragmentationParams, coverage: Coverage): FragmentationResult {
  const sites: CallSiteRow[] = [...acc.slab.sites].map(([call_site, s]) => ({
    call_site, hits: s.hits, bytes_req: s.bytesReq, bytes_alloc: s.bytesAlloc, frag_pct: s.bytesAlloc > 0 ? fragPct(s.bytesReq, s.bytesAlloc) : 0, pingpong: s.pingpong,
  })).sort((x, y) => y.frag_pct - x.frag_pct || y.hits - x.hits || y.bytes_alloc - x.bytes_alloc || (x.call_site < y.call_site ? -1 : 1))
  const bytesReq = sites.reduce((n, s) => n + s.bytes_req, 0)
  const bytesAlloc = sites.reduce((n, s) => n + s.bytes_alloc, 0)
  const leaks = new Map<string, LeakRow>()
  let leakBytes = 0
  for (const o of acc.slab.live.values()) {
    const l = leaks.get(o.site) ?? { call_site: o.site, objects: 0, bytes_alloc: 0, oldest_ns: o.tsNs }
    l.objects++
    l.bytes_alloc += o.bytesAlloc
    l.oldest_ns = Math.min(l.oldest_ns, o.tsNs)
    leaks.set(o.site, l)
    leakBytes += o.bytesAlloc
  }
  const r = acc.buddyEvents > 0 ? acc.buddy : acc.pages
  const pagesByOrder = new Array<number>(r.freeBlocks.length).fill(0)
  let livePages = 0
  for (const allocs of acc.livePages.live.values()) for (const [order] of allocs) { pagesByOrder[order]++; livePages++ }
  const fragValues = r.timeline.map((x) => x.largest_block_frag_pct).filter((x): x is number => x !== null)
  const final = sampleOf(r, Number.isNaN(r.lastTsNs) ? acc.lastTsNs : r.lastTsNs)
  if (final.largest_block_frag_pct !== null) fragValues.push(final.largest_block_frag_pct)
  return {
    unit: 'bytes',
    coverage: windowCoverage(coverage, acc.lost, Number.isNaN(acc.firstTsNs) ? null : acc.firstTsNs, Number.isNaN(acc.lastTsNs) ? null : acc.lastTsNs, acc.kmemEvents),
    internal: { call_sites: sites },
    external: {
      source: acc.buddyEvents > 0 ? 'buddy_events' : 'page_requests',
      seeded: p.buddyinfo !== undefined,
      seed_unusable_index: (p.buddyinfo ?? []).map((z) => ({ node: z.node, zone: z.zone, unusable_index: unusableIndexThousandths(z.freeBlocks).map((x) => x / 1000) })),
      page_allocs: acc.pages.allocs, page_frees: acc.pages.frees, unmodelled_allocs: r.unmodelled, frees_without_alloc: acc.livePages.freesWithoutAlloc,
      timeline: r.timeline, final, max_largest_block_frag_pct: fragValues.length ? fragValues.reduce((a, b) => (b > a ? b : a)) : null,
    },
    leaks: {
      objects: acc.slab.live.size, bytes_alloc: leakBytes,
      by_call_site: [...leaks.values()].sort((x, y) => y.bytes_alloc - x.bytes_alloc || y.objects - x.objects || (x.call_site < y.call_site ? -1 : 1)),
      pages: livePages, pages_by_order: pagesByOrder,
    },
    total: {
      allocs: acc.slab.allocs, frees: acc.slab.frees, bytes_req: bytesReq, bytes_alloc: bytesAlloc, bytes_freed: acc.slab.bytesFreed,
      internal_frag_pct: bytesAlloc > 0 ? fragPct(bytesReq, bytesAlloc) : null,
      pingpong: sites.reduce((n, s) => n + s.pingpong, 0), frees_without_alloc: acc.slab.pendingFrees.length,
    },
  }
}
