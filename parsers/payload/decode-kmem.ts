// kmem:* allocator payloads, e.g.
//   kmalloc: call_site=sched_setaffinity+0x10c ptr=0xffff88810a0e8380 bytes_req=32 bytes_alloc=32 gfp_flags=GFP_KERNEL node=-1 accounted=false
//   mm_page_alloc: page=0x2d6670 pfn=0x2d6670 order=0 migratetype=0 gfp_flags=GFP_HIGHUSER
// Kernels before 5.x print call_site and ptr as bare hex and pfn in decimal; since 6.x call_site
// is `%pS` (symbol+offset), which the u64 column cannot hold: it is left null then.
import type { U64Column } from '../../tables/column-builders.js'
import { pushOrNull, type PayloadDecoder } from './event-context.js'
import { fieldKey, type KeyValueFields } from './key-value-fields.js'
import { parseDecimal } from './parse-number.js'
import { PayloadTemplate } from './payload-template.js'

/** Layouts of Linux 6.x; older kernels go through the general scan. */
const LAYOUT: Record<string, string> = {
  kmalloc: 'call_site=%s ptr=%s bytes_req=%d bytes_alloc=%d gfp_flags=%s node=%d accounted=%s',
  kmem_cache_alloc: 'call_site=%s ptr=%s name=%s bytes_req=%d bytes_alloc=%d gfp_flags=%s node=%d accounted=%s',
  kfree: 'call_site=%s ptr=%s',
  kmem_cache_free: 'call_site=%s ptr=%s name=%s',
  mm_page_alloc: 'page=%s pfn=%s order=%d migratetype=%d gfp_flags=%s',
  mm_page_free: 'page=%s pfn=%s order=%d',
  mm_page_free_batched: 'page=%s pfn=%s order=%d',
}

const K = {
  callSite: fieldKey('call_site'), ptr: fieldKey('ptr'), name: fieldKey('name'), bytesReq: fieldKey('bytes_req'),
  bytesAlloc: fieldKey('bytes_alloc'), gfp: fieldKey('gfp_flags'), node: fieldKey('node'), pfn: fieldKey('pfn'),
  order: fieldKey('order'), migratetype: fieldKey('migratetype'),
}

function pushHexField(col: U64Column, kv: KeyValueFields, f: number): void {
  if (f < 0 || !col.pushHex(kv.bytes, kv.valueStart[f], kv.valueEnd[f])) col.pushNull()
}

/** pfn: `0x..` on newer kernels, decimal before. */
function pushPfn(col: U64Column, kv: KeyValueFields, f: number): void {
  if (f < 0) return col.pushNull()
  const s = kv.valueStart[f]
  const e = kv.valueEnd[f]
  if (e - s > 2 && kv.bytes[s] === 0x30 && kv.bytes[s + 1] === 0x78) {
    if (!col.pushHex(kv.bytes, s, e)) col.pushNull()
    return
  }
  const v = parseDecimal(kv.bytes, s, e)
  if (Number.isNaN(v) || v < 0) col.pushNull()
  else col.pushNumber(v)
}

function maybe(col: { push(v: number): void, pushNull(): void }, v: number): void {
  if (Number.isNaN(v)) col.pushNull()
  else col.push(v)
}

export function kmemDecoder(kind: string): PayloadDecoder {
  const template = new PayloadTemplate(LAYOUT[kind] ?? 'call_site=%s ptr=%s')
  return (out, ctx, kv, bytes, start, end) => {
    if (!kv.read(template, bytes, start, end)) return false
    const ptr = kv.find(K.ptr, 1)
    const pfn = kv.find(K.pfn, 1)
    if (ptr < 0 && pfn < 0) return false
    const c = out.table('kmem').col
    c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
    c.kind.push(kind)
    const site = kv.find(K.callSite, 0)
    if (site >= 0 && !c.call_site.pushHex(kv.bytes, kv.valueStart[site], kv.valueEnd[site])) {
      c.call_site.pushNull()
      c.call_site_symbol.pushBytes(kv.bytes, kv.valueStart[site], kv.valueEnd[site])
    } else {
      if (site < 0) c.call_site.pushNull()
      c.call_site_symbol.pushNull()
    }
    pushHexField(c.ptr, kv, ptr)
    const name = kv.find(K.name, 2)
    const req = name >= 0 ? 3 : 2
    maybe(c.bytes_req, kv.int(kv.find(K.bytesReq, req)))
    maybe(c.bytes_alloc, kv.int(kv.find(K.bytesAlloc, req + 1)))
    const gfp = kv.find(K.gfp, pfn >= 0 ? 4 : req + 2)
    if (gfp < 0) c.gfp_flags.pushNull()
    else c.gfp_flags.pushBytes(bytes, kv.valueStart[gfp], kv.valueEnd[gfp])
    maybe(c.node, kv.int(kv.find(K.node, req + 3)))
    pushPfn(c.pfn, kv, pfn)
    maybe(c.order, kv.int(kv.find(K.order, 2)))
    maybe(c.migratetype, kv.int(kv.find(K.migratetype, 3)))
    if (name < 0) c.cache.pushNull()
    else c.cache.pushBytes(bytes, kv.valueStart[name], kv.valueEnd[name])
    return null
  }
}
