// hashBytes reads every byte of a short range (interned names are mostly under 32 bytes) and
// equalRanges agrees with a byte-by-byte compare on both sides of its native-compare length.
import { describe, expect, it } from 'vitest'
import { equalRanges, hashBytes, WordView } from './byte-words.js'

const bytesOf = (n: number): Uint8Array => Uint8Array.from({ length: n + 8 }, (_, i) => 0x41 + ((i * 7) % 26))

describe('hashBytes', () => {
  it('changes when any one byte of a range of up to 32 bytes changes', () => {
    for (let len = 1; len <= 32; len++) {
      const bytes = bytesOf(len)
      const h = hashBytes(new DataView(bytes.buffer), 3, 3 + len)
      for (let i = 0; i < len; i++) {
        const changed = bytes.slice()
        changed[3 + i] ^= 0x20
        expect(hashBytes(new DataView(changed.buffer), 3, 3 + len), `length ${len}, byte ${i}`).not.toBe(h)
      }
    }
  })
})

describe('equalRanges', () => {
  it('is a byte compare, short and long', () => {
    for (const len of [3, 31, 255, 256, 1000]) {
      const a = bytesOf(len)
      const b = Uint8Array.from([9, ...a])
      const va = new WordView()
      const vb = new WordView()
      va.of(a)
      vb.of(b)
      expect(equalRanges(va, 0, vb, 1, len), `length ${len}`).toBe(true)
      b[1 + len - 1] ^= 1
      expect(equalRanges(va, 0, vb, 1, len), `length ${len}, last byte`).toBe(false)
    }
  })
})
