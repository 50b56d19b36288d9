import { expect, test } from 'vitest'
import { jsonBucketBounds, textBucketBounds } from './histogram-bucket-bounds.js'

test('text labels: negative, single-value, power-of-1024 suffixes, overflow', () => {
  expect(textBucketBounds('(..., 0)')).toEqual({ lo: -Infinity, hi: 0 })
  expect(textBucketBounds('[0]')).toEqual({ lo: 0, hi: 1 })
  expect(textBucketBounds('[1]')).toEqual({ lo: 1, hi: 2 })
  expect(textBucketBounds('[512, 1K)')).toEqual({ lo: 512, hi: 1024 })
  expect(textBucketBounds('[512M, 1G)')).toEqual({ lo: 536870912, hi: 1073741824 })
  expect(textBucketBounds('[8G, 16G)')).toEqual({ lo: 8589934592, hi: 17179869184 })
  expect(textBucketBounds('[-10, 0)')).toEqual({ lo: -10, hi: 0 })
  expect(textBucketBounds('[200, ...)')).toEqual({ lo: 200, hi: Infinity })
  expect(textBucketBounds('[a, b)')).toBeNull()
})

test('json buckets: inclusive max, missing min or max', () => {
  expect(jsonBucketBounds({ min: 256, max: 511 })).toEqual({ lo: 256, hi: 512 })
  expect(jsonBucketBounds({ min: 0, max: 0 })).toEqual({ lo: 0, hi: 1 })
  expect(jsonBucketBounds({ max: -1 })).toEqual({ lo: -Infinity, hi: 0 })
  expect(jsonBucketBounds({ min: 100 })).toEqual({ lo: 100, hi: Infinity })
  expect(jsonBucketBounds({})).toBeNull()
})
