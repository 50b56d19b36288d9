// `exotrace analyze INPUT fragmentation [--buddyinfo FILE] [--interval DURATION]`: internal
// fragmentation per call site and in total from slab allocations (the Frag column of
// `perf kmem stat --caller`); external fragmentation by replaying page allocations and frees
// through a model of the buddy free lists (page-replay.ts), sampled over time; and what was
// never freed by the end (leak candidates) with its call sites.
// Which events change the buddy lists: mm_page_alloc/mm_page_free are every page request, but
// orders 0-3 and the THP order (9) go through per-CPU lists. The lists themselves change by
// mm_page_alloc_zone_locked (taken from the buddy), mm_page_pcpu_drain (per-CPU lists giving
// back) and mm_page_free of the other orders; with those events the replay's free page count is
// exact (checked against /proc/buddyinfo before and after), so they are used when present.
// The replay is sequential: a segment keeps its page events, and the merge (a left fold in
// input order) runs them through the model, so the result is the same however the input is cut.
import type { Analysis } from '../analysis.js'
import { dictColumn, int32Column, int64Column, u64KeyColumn, type Segment } from '../segment.js'
import { appendLost, collectLost, createLostRecords, type LostRecords } from '../lost-in-window.js'
import type { BuddyZone } from './buddyinfo.js'
import { fragmentationReport, type FragmentationResult } from './fragmentation-report.js'
import { createLivePages, pageAllocated, pageFreed, type LivePages } from './live-pages.js'
import { createPageReplay, PAGE_ALLOC, PAGE_FREE, replayPageEvent, type PageReplay } from './page-replay.js'
import { addAlloc, addFree, createSlabCallers, mergeSlabCallers, type SlabCallers } from './slab-callers.js'

export interface FragmentationParams {
  /** a /proc/buddyinfo snapshot taken when the trace began: seeds the free lists */
  buddyinfo?: BuddyZone[]
  /** time between free-list samples, default 1 s */
  intervalNs?: number
}

export interface PageEvents {
  kind: number[]
  tsNs: number[]
  pfn: number[]
  order: number[]
}

export interface FragmentationAcc {
  slab: SlabCallers
  livePages: LivePages
  /** free lists driven by mm_page_alloc / mm_page_free */
  pages: PageReplay
  /** free lists driven by the buddy allocator's own events */
  buddy: PageReplay
  /** page events not yet run through `pages` */
  pending: PageEvents
  lost: LostRecords
  /** mm_page_alloc_zone_locked and mm_page_pcpu_drain events replayed */
  buddyEvents: number
  kmemEvents: number
  firstTsNs: number
  lastTsNs: number
}

const SLAB_ALLOC = new Set(['kmalloc', 'kmalloc_node', 'kmem_cache_alloc', 'kmem_cache_alloc_node'])
const SLAB_FREE = new Set(['kfree', 'kmem_cache_free'])
// mm_page_free_batched is not here: those pages are traced by mm_page_free as well.
const MM_PAGE_ALLOC = 0
const MM_PAGE_FREE = 1
const BUDDY_ALLOC = 2
const BUDDY_FREE = 3
const PAGE_KIND: Record<string, number> = {
  mm_page_alloc: MM_PAGE_ALLOC, mm_page_free: MM_PAGE_FREE, mm_page_alloc_zone_locked: BUDDY_ALLOC, mm_page_pcpu_drain: BUDDY_FREE,
}
/** orders freed to the per-CPU lists rather than to the buddy (x86-64: up to PAGE_ALLOC_COSTLY_ORDER, and the THP order) */
const perCpuOrder = (order: number): boolean => order <= 3 || order === 9
/** MAX_ORDER 10 (orders 0..10) unless the seed shows more columns */
const ORDERS = 11

const hexOf = (key: string): string => {
  const [hi, lo] = key.split(':')
  return hi === '0' ? `0x${lo}` : `0x${hi}${lo.padStart(8, '0')}`
}
const numberOf = (key: string): number => {
  const [hi, lo] = key.split(':')
  return parseInt(hi, 16) * 4294967296 + parseInt(lo, 16)
}

/** As perf kmem --caller prints it: sym+off in hex without 0x (6.x names), else the address. */
function callSiteKey(address: string, symbol: string | null): string {
  if (symbol !== null) return symbol.replace('+0x', '+')
  return address === '' ? 'unknown' : hexOf(address)
}

function addSegment(acc: FragmentationAcc, s: Segment): void {
  const t = s.tables.kmem
  if (t === undefined || t.rows === 0) return
  const ts = int64Column(t, 'ts')
  const cpu = int32Column(t, 'cpu')
  const kind = dictColumn(t, 'kind')
  const site = u64KeyColumn(t, 'call_site')
  const siteName = dictColumn(t, 'call_site_symbol')
  const ptr = u64KeyColumn(t, 'ptr')
  const req = int64Column(t, 'bytes_req')
  const alloc = int64Column(t, 'bytes_alloc')
  const pfn = u64KeyColumn(t, 'pfn')
  const order = int32Column(t, 'order')
  for (let r = 0; r < t.rows; r++) {
    const k = kind.strings[kind.ids[r]]
    acc.kmemEvents++
    if (Number.isNaN(acc.firstTsNs)) acc.firstTsNs = ts[r]
    acc.lastTsNs = ts[r]
    if (SLAB_ALLOC.has(k) && ptr[r] !== '') {
      addAlloc(acc.slab, callSiteKey(site[r], siteName.ids[r] < 0 ? null : siteName.strings[siteName.ids[r]]), ptr[r], cpu[r], req[r] || 0, alloc[r] || 0, ts[r])
    } else if (SLAB_FREE.has(k) && ptr[r] !== '') {
      addFree(acc.slab, ptr[r], cpu[r])
    } else if (PAGE_KIND[k] !== undefined && pfn[r] !== '') {
      acc.pending.kind.push(PAGE_KIND[k])
      acc.pending.tsNs.push(ts[r])
      acc.pending.pfn.push(numberOf(pfn[r]))
      acc.pending.order.push(order[r])
    }
  }
}

export function replayPending(acc: FragmentationAcc, ev: PageEvents): void {
  for (let i = 0; i < ev.kind.length; i++) {
    const [kind, ts, pfn, order] = [ev.kind[i], ev.tsNs[i], ev.pfn[i], ev.order[i]]
    if (kind === MM_PAGE_ALLOC) {
      pageAllocated(acc.livePages, pfn, order, ts)
      replayPageEvent(acc.pages, PAGE_ALLOC, ts, pfn, order)
    } else if (kind === MM_PAGE_FREE) {
      pageFreed(acc.livePages, pfn)
      replayPageEvent(acc.pages, PAGE_FREE, ts, pfn, order)
      if (!perCpuOrder(order)) replayPageEvent(acc.buddy, PAGE_FREE, ts, pfn, order)
    } else {
      replayPageEvent(acc.buddy, kind === BUDDY_ALLOC ? PAGE_ALLOC : PAGE_FREE, ts, pfn, order)
      acc.buddyEvents++
    }
  }
}

const noEvents = (): PageEvents => ({ kind: [], tsNs: [], pfn: [], order: [] })

export const fragmentationAnalysis: Analysis<FragmentationParams, FragmentationAcc, FragmentationResult> = {
  name: 'fragmentation',
  description: 'internal fragmentation per call site and total (perf kmem stat --caller Frag), external: buddy free lists by order over time, unusable free space index, leak candidates (--buddyinfo FILE seeds the free lists)',
  tables: ['kmem', 'lost'],
  needs: () => ({
    events: ['kmem:kmalloc', 'kmem:kfree', 'kmem:kmem_cache_alloc', 'kmem:kmem_cache_free', 'kmem:mm_page_alloc', 'kmem:mm_page_free',
      'kmem:mm_page_alloc_zone_locked', 'kmem:mm_page_pcpu_drain'],
    record: ['cat /proc/buddyinfo > buddyinfo.txt; perf record -a -e kmem:kmalloc,kmem:kfree,kmem:kmem_cache_alloc,kmem:kmem_cache_free,kmem:mm_page_alloc,kmem:mm_page_free,kmem:mm_page_alloc_zone_locked,kmem:mm_page_pcpu_drain -- sleep 10  (then --buddyinfo buddyinfo.txt)'],
  }),
  init(p) {
    const seed = p.buddyinfo === undefined ? null : sumZones(p.buddyinfo)
    const orders = Math.max(ORDERS, seed?.length ?? 0)
    return {
      slab: createSlabCallers(), livePages: createLivePages(),
      pages: createPageReplay(orders, seed, p.intervalNs ?? 1e9), buddy: createPageReplay(orders, seed, p.intervalNs ?? 1e9),
      pending: noEvents(), lost: createLostRecords(), buddyEvents: 0, kmemEvents: 0, firstTsNs: NaN, lastTsNs: NaN,
    }
  },
  add(acc, s) {
    addSegment(acc, s)
    collectLost(acc.lost, s)
    return acc
  },
  merge(a, b) {
    replayPending(a, a.pending)
    replayPending(a, b.pending)
    return {
      slab: mergeSlabCallers(a.slab, b.slab), livePages: a.livePages, pages: a.pages, buddy: a.buddy, pending: noEvents(), lost: appendLost(a.lost, b.lost),
      buddyEvents: a.buddyEvents, kmemEvents: a.kmemEvents + b.kmemEvents,
      firstTsNs: Number.isNaN(a.firstTsNs) ? b.firstTsNs : a.firstTsNs, lastTsNs: Number.isNaN(b.lastTsNs) ? a.lastTsNs : b.lastTsNs,
    }
  },
  finish(acc, p, coverage) {
    if (acc.kmemEvents === 0) return null
    replayPending(acc, acc.pending)
    acc.pending = noEvents()
    return fragmentationReport(acc, p, coverage)
  },
}

/** The free lists of every zone together: page events do not say which zone they are in. */
export function sumZones(zones: BuddyZone[]): number[] {
  const out: number[] = []
  for (const z of zones) z.freeBlocks.forEach((n, o) => { out[o] = (out[o] ?? 0) + n })
  return out
}
