// The unusable free space index against the kernel's own: each /proc/buddyinfo snapshot of the
// kmem recording beside the debugfs extfrag/unusable_index read at the same moment.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REAL } from '../../test/shared-paths.js'
import { parseBuddyinfo } from './buddyinfo.js'
import { largestBlockFragPct, unusableIndexThousandths } from './unusable-index.js'

const BASE = join(REAL, 'kmem', 'frag4-hackbench')

describe('unusableIndexThousandths', () => {
  for (const when of ['before', 'during', 'after']) {
    it(`equals debugfs extfrag/unusable_index for the ${when} snapshot, zone by zone`, () => {
      const zones = parseBuddyinfo(readFileSync(`${BASE}.buddyinfo.${when}.txt`, 'utf8'))
      const debugfs = readFileSync(`${BASE}.unusable_index.${when}.txt`, 'utf8').trim().split('\n').map((l) => {
        const m = /^Node\s+(\d+),\s+zone\s+(\S+)\s+(.*)$/.exec(l)!
        return { node: Number(m[1]), zone: m[2], index: m[3].trim().split(/\s+/) }
      })
      expect(zones.map((z) => `${z.node}/${z.zone}`)).toEqual(debugfs.map((d) => `${d.node}/${d.zone}`))
      for (const [i, z] of zones.entries()) {
        expect(unusableIndexThousandths(z.freeBlocks).map((t) => `${Math.floor(t / 1000)}.${String(t % 1000).padStart(3, '0')}`), z.zone).toEqual(debugfs[i].index)
      }
    })
  }

  it('is 0 for every order when nothing is free, and counts blocks too small for the order', () => {
    expect(unusableIndexThousandths([0, 0, 0])).toEqual([0, 0, 0])
    // 4 single pages and one order-2 block: 8 pages free; order 1 finds 4 of them usable, order 2 finds 4.
    expect(unusableIndexThousandths([4, 0, 1])).toEqual([0, 500, 500])
  })
})

describe('largestBlockFragPct', () => {
  it('is the share of free memory outside the largest free block', () => {
    expect(largestBlockFragPct([4, 0, 1])).toBe(50)
    expect(largestBlockFragPct([0, 0, 0])).toBeNull()
  })
})

describe('parseBuddyinfo', () => {
  it('names the line it cannot read', () => {
    expect(() => parseBuddyinfo('Node 0, zone DMA 1 2 3\nnot buddyinfo\n')).toThrow(/line 2/)
  })
})
