// The lost-events records that fall in the window an analysis used (its `coverage`): a loss
// before the first job or after the last switch does not touch the figures, one inside does.
// A record without a time (ftrace's `[LOST n EVENTS]`) may lie anywhere: it counts as inside.
// Shared by edf, fairness and fragmentation.
import type { Coverage } from './analysis.js'
import { int64Column, type Segment } from './segment.js'

export interface LostRecords {
  /** NaN when the record has no time */
  tsNs: number[]
  /** NaN when the source does not say how many */
  count: number[]
}

export function createLostRecords(): LostRecords {
  return { tsNs: [], count: [] }
}

export function collectLost(l: LostRecords, s: Segment): void {
  const t = s.tables.lost
  if (t === undefined) return
  const ts = int64Column(t, 'ts')
  const count = int64Column(t, 'count')
  for (let r = 0; r < t.rows; r++) {
    l.tsNs.push(ts[r])
    l.count.push(count[r])
  }
}

export function appendLost(a: LostRecords, b: LostRecords): LostRecords {
  for (let i = 0; i < b.tsNs.length; i++) {
    a.tsNs.push(b.tsNs[i])
    a.count.push(b.count[i])
  }
  return a
}

export interface WindowCoverage {
  window_start_ns: number | null
  window_end_ns: number | null
  events_used: number
  /** events lost inside the window, from the records that say how many */
  lost_events_in_window: number
}

/** `coverage` with the window and what was lost inside it (`lost_in_window` counts records). */
export function windowCoverage(coverage: Coverage, l: LostRecords, startNs: number | null, endNs: number | null, eventsUsed: number): Coverage & WindowCoverage {
  let records = 0
  let events = 0
  for (let i = 0; i < l.tsNs.length; i++) {
    const t = l.tsNs[i]
    if (!Number.isNaN(t) && startNs !== null && endNs !== null && (t < startNs || t > endNs)) continue
    records++
    if (!Number.isNaN(l.count[i])) events += l.count[i]
  }
  return { ...coverage, lost_in_window: records, window_start_ns: startNs, window_end_ns: endNs, events_used: eventsUsed, lost_events_in_window: events }
}
