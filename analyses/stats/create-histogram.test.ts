import { describe, expect, it } from 'vitest'
import { createHistogram } from './create-histogram.js'
import { histogramRelativeError } from './histogram-relative-error.js'

describe('createHistogram', () => {
  it('takes the fewest sub-bucket bits that meet the requested relative error', () => {
    for (const relativeErrorMax of [0.1, 0.01, 0.001, 0.0005, 0.0001, 2 ** -10, 1e-6]) {
      const h = createHistogram({ relativeErrorMax })
      expect(histogramRelativeError(h)).toBeLessThanOrEqual(relativeErrorMax)
      // one bit fewer would miss it: the error doubles
      expect(2 * histogramRelativeError(h)).toBeGreaterThan(relativeErrorMax)
    }
    expect(createHistogram().subBucketBits).toBe(9)
    expect(histogramRelativeError(createHistogram())).toBeLessThanOrEqual(0.001)
    expect(createHistogram({ subBucketBits: 12, relativeErrorMax: 0.1 }).subBucketBits).toBe(12)
  })

  it('refuses layouts it cannot record into', () => {
    expect(() => createHistogram({ subBucketBits: 0 })).toThrow(RangeError)
    expect(() => createHistogram({ subBucketBits: 21 })).toThrow(RangeError)
    expect(() => createHistogram({ subBucketBits: 9.5 })).toThrow(RangeError)
    expect(() => createHistogram({ lowestExponent: 65 })).toThrow(RangeError)
    expect(() => createHistogram({ relativeErrorMax: 0 })).toThrow(RangeError)
    expect(() => createHistogram({ relativeErrorMax: 0.5 })).toThrow(RangeError)
  })

  it('is plain data that JSON and structuredClone carry', () => {
    const h = createHistogram()
    expect(structuredClone(h)).toEqual(h)
    expect(Object.getPrototypeOf(h)).toBe(Object.prototype)
  })
})
