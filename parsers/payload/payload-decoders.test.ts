// The decoders on payload layouts other than perf 6.x's, each copied from a real trace:
// trace-cmd report's compact sched forms (fixtures-real/ftrace/small-top.report.txt.gz),
// trace-cmd report -R and older kernels (corpora/trappy: numeric prev_state, no `==>`, success=1),
// Linux 6.18 fields the 6.x layouts do not know (fixtures/perf-script/misc).
import { describe, expect, it } from 'vitest'
import { PieceTables } from '../../tables/piece-tables.js'
import { rowsOf } from '../../tables/piece-table-values.js'
import type { EventContext } from './event-context.js'
import { KeyValueFields } from './key-value-fields.js'
import { payloadDecoderFor } from './payload-decoder-for.js'

function decode(event: string, payload: string) {
  const out = new PieceTables()
  const ctx: EventContext = { ts: 5, cpu: 1, tid: 42, pid: -1, commStart: -1, commEnd: -1 }
  const bytes = new TextEncoder().encode(payload)
  const slot = payloadDecoderFor(event)!(out, ctx, new KeyValueFields(), bytes, 0, bytes.length)
  if (slot) slot.pushNull() // the caller's part: no callchain here
  return { slot, out }
}

describe('sched', () => {
  it("trace-cmd's compact sched_switch and sched_wakeup", () => {
    const sw = decode('sched_switch', 'bash:17329 [120] S ==> bash:17334 [120]')
    expect(rowsOf(sw.out, 'sched_switch')).toEqual([{ ts: 5, cpu: 1, tid: 42, prev_comm: 'bash', prev_tid: 17329, prev_prio: 120,
      prev_state: 'S', next_comm: 'bash', next_tid: 17334, next_prio: 120, stack_id: null }])
    const wk = decode('sched_wakeup', 'migration/1:21 [0] CPU:001')
    expect(rowsOf(wk.out, 'sched_wakeup')).toEqual([{ ts: 5, cpu: 1, tid: 42, kind: 'wakeup', comm: 'migration/1', wakee_tid: 21,
      prio: 0, target_cpu: 1, stack_id: null }])
  })

  it('trace-cmd report -R: numeric prev_state, no ==>', () => {
    const { out } = decode('sched_switch', 'prev_comm=trace-cmd prev_pid=4734 prev_prio=120 prev_state=1024 next_comm=migration/2 next_pid=18 next_prio=0')
    expect(rowsOf(out, 'sched_switch')[0]).toMatchObject({ prev_comm: 'trace-cmd', prev_tid: 4734, prev_state: '1024',
      next_comm: 'migration/2', next_tid: 18, next_prio: 0 })
  })

  it('older kernels: sched_wakeup(_new) with success=1', () => {
    const { out } = decode('sched_wakeup_new', 'comm=shutils pid=19428 prio=120 success=1 target_cpu=2')
    expect(rowsOf(out, 'sched_wakeup')[0]).toMatchObject({ kind: 'wakeup_new', comm: 'shutils', wakee_tid: 19428, prio: 120, target_cpu: 2 })
  })

  it('comms with spaces and = in the key=value form', () => {
    const { out } = decode('sched_switch', 'prev_comm=Web Content prev_pid=7 prev_prio=120 prev_state=R+ ==> next_comm=a=b c next_pid=8 next_prio=100')
    expect(rowsOf(out, 'sched_switch')[0]).toMatchObject({ prev_comm: 'Web Content', prev_state: 'R+', next_comm: 'a=b c', next_tid: 8 })
  })

  it('a payload that is not the event: nothing written', () => {
    const { slot, out } = decode('sched_switch', 'comm=perf pid=1')
    expect(slot).toBe(false)
    expect(out.tables().every((t) => t.length === 0)).toBe(true)
  })
})

it('hrtimer_start with a field after the 6.x layout (was_armed on 6.18)', () => {
  const { out } = decode('hrtimer_start', 'hrtimer=0xffff888627c1c6f8 function=tick_nohz_handler expires=1732472000000 softexpires=1732472000000 mode=0xa was_armed=1')
  expect(rowsOf(out, 'timer')[0]).toMatchObject({ timer: 0xffff888627c1c6f8n, expires_ns: 1732472000000, softexpires_ns: 1732472000000, mode: '0xa' })
})

it('kmem of older kernels: bare hex call_site and ptr, decimal pfn', () => {
  const k = decode('kmalloc', 'call_site=ffffffff8120a3b4 ptr=ffff88003b0b8000 bytes_req=4096 bytes_alloc=4096 gfp_flags=GFP_KERNEL')
  expect(rowsOf(k.out, 'kmem')[0]).toMatchObject({ call_site: 0xffffffff8120a3b4n, ptr: 0xffff88003b0b8000n, bytes_req: 4096, node: null })
  const p = decode('mm_page_alloc', 'page=ffffea0000ce0680 pfn=843802 order=1 migratetype=0 gfp_flags=GFP_KERNEL')
  expect(rowsOf(p.out, 'kmem')[0]).toMatchObject({ pfn: 843802n, order: 1, migratetype: 0, ptr: null })
})
