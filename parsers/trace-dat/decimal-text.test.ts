// Against String() and padStart, the conversions they stand in for.
import { describe, expect, it } from 'vitest'
import { decimalText, nineDigits, threeDigits } from './decimal-text.js'

const samples = [0, -0, 1, 7, 9, 10, 99, 100, 999, 1000, 1001, 1010, 100000, 1234567, 4294967295, 2 ** 53 - 1, -1, -999, -1000, -123456789,
  0.5, -2.25, 1e21, 2 ** 53, 2 ** 60, NaN, Infinity, -Infinity]

describe('decimalText', () => {
  it('is String(n)', () => {
    for (const n of samples) expect(decimalText(n), String(n)).toBe(String(n))
    for (let i = 0; i < 20000; i++) {
      const n = Math.floor((Math.random() - 0.5) * 2 ** (1 + (i % 53)))
      expect(decimalText(n)).toBe(String(n))
    }
  })
})

describe('threeDigits', () => {
  it('is String(n).padStart(3, "0")', () => {
    for (const n of [0, 5, 42, 999, 1000, 65535, -1]) expect(threeDigits(n)).toBe(String(n).padStart(3, '0'))
  })
})

describe('nineDigits', () => {
  it('is String(n).padStart(9, "0")', () => {
    for (const n of [0, 1, 999, 1000, 1001, 999999, 1000000, 123456789, 999999999, 5000, 60000007]) expect(nineDigits(n)).toBe(String(n).padStart(9, '0'))
  })
})
