// A spare is handed out again only when it is whole and large enough.
import { describe, expect, it } from 'vitest'
import { SpareBuffers } from './spare-buffers.js'

describe('SpareBuffers', () => {
  it('ignores detached and undersized buffers', () => {
    const spares = new SpareBuffers()
    const detached = new Uint8Array(1000)
    structuredClone(detached.buffer, { transfer: [detached.buffer] })
    spares.giveBack(detached)
    spares.giveBack(new Uint8Array(10))
    const b = spares.take(100)
    expect(b.length).toBe(100)
  })

  it('gives back the whole buffer behind a view, and makes fresh ones with the slack asked for', () => {
    const spares = new SpareBuffers(1)
    const fresh = spares.take(100, 150)
    expect(fresh.length).toBe(150)
    spares.giveBack(fresh.subarray(0, 100))
    spares.giveBack(new Uint8Array(500)) // over the limit of 1: dropped
    const again = spares.take(120)
    expect(again.buffer).toBe(fresh.buffer)
    expect(spares.take(120).buffer).not.toBe(fresh.buffer)
  })
})
