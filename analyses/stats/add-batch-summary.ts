import { combineMoments, type Moments } from './combine-moments.js'
import type { LogLinearHistogram } from './histogram-types.js'

/** Folds the count, moments, min and max of a batch just counted into h's buckets into h. */
export function addBatchSummary(h: LogLinearHistogram, batch: Moments & { min: number; max: number }): void {
  const moments = combineMoments(h, batch)
  h.count = moments.count
  h.mean = moments.mean
  h.m2 = moments.m2
  if (batch.min < h.min) h.min = batch.min
  if (batch.max > h.max) h.max = batch.max
}
