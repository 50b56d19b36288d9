// Measures that need no analysis pass: event counts and rates by event name, and the lost-
// event ledger, both straight from the trace's summary (what `exotrace info` prints).
import type { Measure } from '../spec/types.js'
import { exactFigure } from './figure-source.js'
import { eventCount } from './missing-events.js'
import { refuse, unsupportedSelector, unsupportedStatistic, type MeasurePlan } from './measurer.js'

export function measureEvents(m: Measure): MeasurePlan {
  const problem = unsupportedStatistic(m, ['count', 'rate']) ?? unsupportedSelector(m, ['events'])
  if (problem) return refuse(problem)
  const events = m.selector.events ?? m.needsEvents
  return {
    ok: true,
    read(_result, run) {
      const count = events.reduce((n, e) => n + eventCount(run.summary, e), 0)
      return m.statistic === 'count'
        ? { figure: exactFigure(count, count) }
        : { figure: { kind: 'poisson', count, scale: 1e9 / run.windowNs } }
    },
  }
}

export function measureLost(m: Measure): MeasurePlan {
  const problem = unsupportedStatistic(m, ['count']) ?? unsupportedSelector(m, [])
  if (problem) return refuse(problem)
  return { ok: true, read: (_result, run) => ({ figure: exactFigure(run.summary.lost.events, run.summary.lost.records) }) }
}
