// A callchain prefix tree (as Perfetto's stack_profile_callsite): node = (parent node, frame),
// so the millions of samples that share a caller path share its nodes.
import { grown } from './grown.js'

const EMPTY = -1

/** Dense node ids for (parent, frame) pairs, hashed in typed arrays (no per-node objects). */
export class StackNodeInterner {
  parents = new Int32Array(1024)
  frames = new Int32Array(1024)
  length = 0
  private slots = new Int32Array(2048).fill(EMPTY)

  reset(): void {
    this.length = 0
    this.slots.fill(EMPTY)
  }

  /** parent -1 = outermost frame. */
  intern(parent: number, frame: number): number {
    const mask = this.slots.length - 1
    let slot = (Math.imul(parent + 1, 0x9e3779b1) ^ Math.imul(frame, 0x85ebca6b)) & mask
    for (; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]
      if (id === EMPTY) break
      if (this.parents[id] === parent && this.frames[id] === frame) return id
    }
    const id = this.length++
    if (id >= this.parents.length) {
      this.parents = grown(this.parents)
      this.frames = grown(this.frames)
    }
    this.parents[id] = parent
    this.frames[id] = frame
    this.slots[slot] = id
    if (this.length * 2 > this.slots.length) this.rehash()
    return id
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY)
    for (let id = 0; id < this.length; id++) this.place(id)
  }

  private place(id: number): void {
    const mask = this.slots.length - 1
    let slot = (Math.imul(this.parents[id] + 1, 0x9e3779b1) ^ Math.imul(this.frames[id], 0x85ebca6b)) & mask
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask
    this.slots[slot] = id
  }
}
