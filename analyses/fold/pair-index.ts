// Dense ids for pairs of small integers (a caller node and a frame name, a process and a
// leaf node), hashed in typed arrays. Plain data, unlike tables/StackNodeInterner, because a
// fold accumulator crosses worker threads by structured clone, which drops class prototypes.
import { grown } from '../../tables/grown.js'

const EMPTY = -1

export interface PairIndex {
  firsts: Int32Array
  seconds: Int32Array
  length: number
  /** Open addressing over pair ids; size a power of two, at most half full. */
  slots: Int32Array
}

export function newPairIndex(): PairIndex {
  return { firsts: new Int32Array(256), seconds: new Int32Array(256), length: 0, slots: new Int32Array(512).fill(EMPTY) }
}

/** The id of (first, second), made on first sight; ids are dense from 0 in order of first sight. */
export function pairId(index: PairIndex, first: number, second: number): number {
  let mask = index.slots.length - 1
  let slot = hash(first, second) & mask
  for (; ; slot = (slot + 1) & mask) {
    const id = index.slots[slot]
    if (id === EMPTY) break
    if (index.firsts[id] === first && index.seconds[id] === second) return id
  }
  const id = index.length++
  if (id === index.firsts.length) {
    index.firsts = grown(index.firsts)
    index.seconds = grown(index.seconds)
  }
  index.firsts[id] = first
  index.seconds[id] = second
  index.slots[slot] = id
  if (index.length * 2 > index.slots.length) {
    index.slots = new Int32Array(index.slots.length * 2).fill(EMPTY)
    mask = index.slots.length - 1
    for (let k = 0; k < index.length; k++) {
      let s = hash(index.firsts[k], index.seconds[k]) & mask
      while (index.slots[s] !== EMPTY) s = (s + 1) & mask
      index.slots[s] = k
    }
  }
  return id
}

function hash(first: number, second: number): number {
  const h = Math.imul(first + 1, 0x9e3779b1) ^ Math.imul(second + 0x632be5ab, 0x85ebca6b)
  return h ^ (h >>> 15)
}
