// Slab allocations per call site, as `perf kmem stat --caller` counts them
// (tools/perf/builtin-kmem.c): hits, bytes requested and allocated, and ping-pong (objects
// freed on another CPU than the one that allocated them); internal fragmentation is
// 100 - 100 * requested / allocated. Objects still allocated at the end are leak candidates.
// A free whose allocation lies in an earlier segment waits for the merge.

export interface SiteStats {
  hits: number
  bytesReq: number
  bytesAlloc: number
  pingpong: number
}

export interface LiveObject {
  site: string
  cpu: number
  bytesAlloc: number
  tsNs: number
}

export interface SlabCallers {
  sites: Map<string, SiteStats>
  live: Map<string, LiveObject>
  /** frees of objects this stretch of the trace did not see allocated, in order (at the end: allocated before the trace) */
  pendingFrees: { ptr: string; cpu: number }[]
  allocs: number
  frees: number
  /** bytes_alloc of the objects freed */
  bytesFreed: number
}

export function createSlabCallers(): SlabCallers {
  return { sites: new Map(), live: new Map(), pendingFrees: [], allocs: 0, frees: 0, bytesFreed: 0 }
}

export function addAlloc(s: SlabCallers, site: string, ptr: string, cpu: number, bytesReq: number, bytesAlloc: number, tsNs: number): void {
  let st = s.sites.get(site)
  if (st === undefined) s.sites.set(site, (st = { hits: 0, bytesReq: 0, bytesAlloc: 0, pingpong: 0 }))
  st.hits++
  st.bytesReq += bytesReq
  st.bytesAlloc += bytesAlloc
  s.allocs++
  s.live.set(ptr, { site, cpu, bytesAlloc, tsNs })
}

function freeLive(s: SlabCallers, sites: Map<string, SiteStats>, o: LiveObject, ptr: string, cpu: number): void {
  s.live.delete(ptr)
  s.bytesFreed += o.bytesAlloc
  if (o.cpu !== cpu) sites.get(o.site)!.pingpong++
}

export function addFree(s: SlabCallers, ptr: string, cpu: number): void {
  s.frees++
  const o = s.live.get(ptr)
  if (o === undefined) s.pendingFrees.push({ ptr, cpu })
  else freeLive(s, s.sites, o, ptr, cpu)
}

/** `b` after `a`; `a` is reused. */
export function mergeSlabCallers(a: SlabCallers, b: SlabCallers): SlabCallers {
  for (const [site, st] of b.sites) {
    const x = a.sites.get(site)
    if (x === undefined) a.sites.set(site, { ...st })
    else { x.hits += st.hits; x.bytesReq += st.bytesReq; x.bytesAlloc += st.bytesAlloc; x.pingpong += st.pingpong }
  }
  for (const f of b.pendingFrees) {
    const o = a.live.get(f.ptr)
    if (o === undefined) a.pendingFrees.push(f)
    else freeLive(a, a.sites, o, f.ptr, f.cpu)
  }
  for (const [ptr, o] of b.live) a.live.set(ptr, o)
  a.allocs += b.allocs
  a.frees += b.frees
  a.bytesFreed += b.bytesFreed
  return a
}
