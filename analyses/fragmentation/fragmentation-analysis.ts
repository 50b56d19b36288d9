// `exotrace analyze INPUT fragmentation [--buddyinfo FILE] [--interval DURATION]`: internal
// fragmentation per call site and in total from slab allocations (the Frag column of
// `perf kmem stat --caller`); external fragmentation by replaying page allocations and frees
// through a model of the buddy free lists (page-replay.ts), sampled over time; and what was
// never freed by the end (leak candidates) with its call sites.
// The replay is sequential: a segment keeps its page events, and the merge (a left fold in
// input order) runs them through the model, so the result is the same however the input is cut.
import type { Analysis } from '../analysis.js'
import { dictColumn, int32Column, int64Column, u64KeyColumn, type Segment } from '../segment.js'
import type { BuddyZone } from './buddyinfo.js'
import { fragmentationReport, type FragmentationResult } from './fragmentation-report.js'
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
  pages: PageReplay
  /** page events not yet run through `pages` */
  pending: PageEvents
  kmemEvents: number
  firstTsNs: number
  lastTsNs: number
}

const SLAB_ALLOC = new Set(['kmalloc', 'kmalloc_node', 'kmem_cache_alloc', 'kmem_cache_alloc_node'])
const SLAB_FREE = new Set(['kfree', 'kmem_cache_free'])
const PAGE_KIND: Record<string, number> = { mm_page_alloc: PAGE_ALLOC, mm_page_free: PAGE_FREE, mm_page_free_batched: PAGE_FREE }
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

function addSegment(acc: FragmentationAcc, s: Segment): void {
  const t = s.tables.kmem
  if (t === undefined || t.rows === 0) return
  const ts = int64Column(t, 'ts')
  const cpu = int32Column(t, 'cpu')
  const kind = dictColumn(t, 'kind')
  const site = u64KeyColumn(t, 'call_site')
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
      // 6.x prints the call site as symbol+offset, which the table does not keep: those share one key.
      addAlloc(acc.slab, site[r] === '' ? 'unknown' : hexOf(site[r]), ptr[r], cpu[r], req[r] || 0, alloc[r] || 0, ts[r])
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
  for (let i = 0; i < ev.kind.length; i++) replayPageEvent(acc.pages, ev.kind[i], ev.tsNs[i], ev.pfn[i], ev.order[i])
}

const noEvents = (): PageEvents => ({ kind: [], tsNs: [], pfn: [], order: [] })

export const fragmentationAnalysis: Analysis<FragmentationParams, FragmentationAcc, FragmentationResult> = {
  name: 'fragmentation',
  description: 'internal fragmentation per call site and total (perf kmem stat --caller Frag), external: buddy free lists by order over time, unusable free space index, leak candidates (--buddyinfo FILE seeds the free lists)',
  tables: ['kmem'],
  needs: () => ({
    events: ['kmem:kmalloc', 'kmem:kfree', 'kmem:kmem_cache_alloc', 'kmem:kmem_cache_free', 'kmem:mm_page_alloc', 'kmem:mm_page_free'],
    record: ['perf kmem record -a -- sleep 10  (slab; add --page for page events)',
      'perf record -a -e kmem:kmalloc,kmem:kfree,kmem:kmem_cache_alloc,kmem:kmem_cache_free,kmem:mm_page_alloc,kmem:mm_page_free -- sleep 10'],
  }),
  init(p) {
    const seed = p.buddyinfo === undefined ? null : sumZones(p.buddyinfo)
    return {
      slab: createSlabCallers(), pages: createPageReplay(Math.max(ORDERS, seed?.length ?? 0), seed, p.intervalNs ?? 1e9),
      pending: noEvents(), kmemEvents: 0, firstTsNs: NaN, lastTsNs: NaN,
    }
  },
  add(acc, s) {
    addSegment(acc, s)
    return acc
  },
  merge(a, b) {
    replayPending(a, a.pending)
    replayPending(a, b.pending)
    return {
      slab: mergeSlabCallers(a.slab, b.slab), pages: a.pages, pending: noEvents(), kmemEvents: a.kmemEvents + b.kmemEvents,
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
