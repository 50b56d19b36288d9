// Pairs begin and end events by key (a tid for syscalls, cpu+irq for interrupts) across
// segments that are folded separately: a segment keeps the spans it could close, the begins
// still open at its end, and the first end of each key that it could not match, which the
// merge with the segment before it may close. Nothing is dropped silently: every begin without
// an end and every end without a begin is counted.
import { recordSpan, type SpanStats } from './span-stats.js'

export type SpanKey = number | string

export interface OpenBegin {
  tsNs: number
  group: string
  histogram: string
}

export interface LeadingEnd extends OpenBegin {
  failed: boolean
}

export interface Pairing {
  open: Map<SpanKey, OpenBegin>
  /** ends seen before any begin of their key in this stretch of the trace */
  leadingEnds: Map<SpanKey, LeadingEnd>
  /** keys with any begin or end in this stretch */
  seen: Set<SpanKey>
  /** a begin followed by another begin of the same key, no end between */
  beginsWithoutEnd: number
  /** an end whose begin is not in the trace (after the first end of a key) */
  endsWithoutBegin: number
}

export function createPairing(): Pairing {
  return { open: new Map(), leadingEnds: new Map(), seen: new Set(), beginsWithoutEnd: 0, endsWithoutBegin: 0 }
}

/**
 * `keepFirst`: a second begin while one is open is coalesced into the first (a softirq raised
 * again before it ran runs once), counted as `beginsWithoutEnd` either way.
 */
export function beginSpan(p: Pairing, key: SpanKey, tsNs: number, group: string, histogram: string, keepFirst = false): void {
  const open = p.open.has(key)
  if (open) p.beginsWithoutEnd++
  if (!open || !keepFirst) p.open.set(key, { tsNs, group, histogram })
  p.seen.add(key)
}

/** The group and histogram of the end are used when the begin did not know them (''). */
export function endSpan(p: Pairing, stats: SpanStats, key: SpanKey, tsNs: number, group: string, histogram: string, failed: boolean): void {
  const b = p.open.get(key)
  if (b !== undefined) {
    p.open.delete(key)
    recordSpan(stats, b.group || group, b.histogram || histogram, b.tsNs, tsNs - b.tsNs, failed)
  } else if (!p.seen.has(key)) {
    p.leadingEnds.set(key, { tsNs, group, histogram, failed })
  } else {
    p.endsWithoutBegin++
  }
  p.seen.add(key)
}

/** a's pairing followed by b's; spans that cross the boundary go into `stats`. */
export function mergePairings(a: Pairing, b: Pairing, stats: SpanStats): Pairing {
  const open = new Map(a.open)
  const leadingEnds = new Map(a.leadingEnds)
  let beginsWithoutEnd = a.beginsWithoutEnd + b.beginsWithoutEnd
  let endsWithoutBegin = a.endsWithoutBegin + b.endsWithoutBegin
  for (const key of b.seen) {
    const begin = open.get(key)
    const end = b.leadingEnds.get(key)
    if (begin !== undefined) {
      open.delete(key)
      if (end !== undefined) recordSpan(stats, begin.group || end.group, begin.histogram || end.histogram, begin.tsNs, end.tsNs - begin.tsNs, end.failed)
      else beginsWithoutEnd++
    } else if (end !== undefined) {
      if (a.seen.has(key)) endsWithoutBegin++
      else leadingEnds.set(key, end)
    }
  }
  for (const [k, v] of b.open) open.set(k, v)
  const seen = new Set(a.seen)
  for (const k of b.seen) seen.add(k)
  return { open, leadingEnds, seen, beginsWithoutEnd, endsWithoutBegin }
}

export interface UnmatchedCounts {
  /** begins whose end is not in the trace: the trace stopped first, or the end was lost */
  begins_without_end: number
  /** ends whose begin is not in the trace: it began before the trace did, or was lost */
  ends_without_begin: number
}

export function unmatchedCounts(p: Pairing): UnmatchedCounts {
  return { begins_without_end: p.beginsWithoutEnd + p.open.size, ends_without_begin: p.endsWithoutBegin + p.leadingEnds.size }
}
