// Reading the exponent and top mantissa bits straight from a float64's high 32-bit word is
// what makes recording cheap (no log2, no division). Typed arrays use the platform byte
// order, so the position of the high word within the 8 bytes depends on it.
const scratch = new Float64Array(1)
const scratchWords = new Uint32Array(scratch.buffer)

/** Index (0 or 1) of the high 32-bit word of a float64 viewed as two Uint32 words. */
export const HIGH_WORD_OFFSET = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0

/** Sign (bit 31), biased exponent (bits 20-30) and top 20 mantissa bits of `value`. */
export function float64HighWord(value: number): number {
  scratch[0] = value
  return scratchWords[HIGH_WORD_OFFSET]!
}
