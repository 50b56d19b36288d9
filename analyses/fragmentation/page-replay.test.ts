// The free-list model on sequences whose buddy-allocator outcome is known by hand.
import { describe, expect, it } from 'vitest'
import { createPageReplay, PAGE_ALLOC, PAGE_FREE, replayPageEvent } from './page-replay.js'

describe('page replay', () => {
  it('an allocation splits the smallest larger block, leaving one block per order between', () => {
    const r = createPageReplay(4, [0, 0, 0, 1], 1e9)
    replayPageEvent(r, PAGE_ALLOC, 1, 100, 0)
    expect(r.freeBlocks).toEqual([1, 1, 1, 0])
  })

  it('frees of two buddies coalesce into one block of the next order, up the orders', () => {
    const r = createPageReplay(4, null, 1e9)
    replayPageEvent(r, PAGE_FREE, 1, 8, 0)
    replayPageEvent(r, PAGE_FREE, 2, 9, 0)
    expect(r.freeBlocks).toEqual([0, 1, 0, 0])
    replayPageEvent(r, PAGE_FREE, 3, 10, 1)
    expect(r.freeBlocks).toEqual([0, 0, 1, 0])
    // 12..15, freed as one order-2 block, is the buddy of 8..11: together one order-3 block.
    replayPageEvent(r, PAGE_FREE, 4, 12, 2)
    expect(r.freeBlocks).toEqual([0, 0, 0, 1])
  })

  it('an allocation of a block the trace saw freed takes exactly that block; counts never go negative', () => {
    const r = createPageReplay(3, null, 1e9)
    replayPageEvent(r, PAGE_FREE, 1, 5, 0)
    replayPageEvent(r, PAGE_ALLOC, 2, 7, 0) // takes the only free page (5, as it turns out)
    replayPageEvent(r, PAGE_ALLOC, 3, 5, 0) // the model has nothing left
    expect(r.freeBlocks).toEqual([0, 0, 0])
    expect(r.unmodelled).toBe(1)
  })

  it('samples the lists once per interval that saw events, before the event', () => {
    const r = createPageReplay(2, [2, 0], 10)
    replayPageEvent(r, PAGE_ALLOC, 0, 1, 0)
    replayPageEvent(r, PAGE_ALLOC, 5, 2, 0)
    replayPageEvent(r, PAGE_FREE, 100, 1, 0)
    expect(r.timeline.map((s) => [s.ts_ns, s.free_pages])).toEqual([[0, 2], [100, 0]])
  })
})
