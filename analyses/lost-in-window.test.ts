// Which lost-events records touch an analysis's window, on the overflowed ftrace recording
// (its [LOST n EVENTS] lines come before the events they precede) and on made-up records.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAnalyses } from '../src/analyze/run-analyses.js'
import { REAL } from '../test/shared-paths.js'
import type { Coverage } from './analysis.js'
import { windowCoverage } from './lost-in-window.js'

const COVERAGE: Coverage = { start_ns: 0, end_ns: 100, events: 10, lost_events: 0, lost_records: 3, lost_in_window: 3 }

describe('windowCoverage', () => {
  it('counts the records inside the window, and those without a time, with the events they say were lost', () => {
    const c = windowCoverage(COVERAGE, { tsNs: [5, 50, NaN, 95], count: [1000, 7, NaN, 30] }, 10, 90, 4)
    expect([c.lost_in_window, c.lost_events_in_window, c.window_start_ns, c.window_end_ns, c.events_used]).toEqual([2, 7, 10, 90, 4])
  })
})

describe('lost events of an overflowed ring buffer', () => {
  it('are reported by the trace, and lie before the window of the switches that follow them', async () => {
    const run = await runAnalyses(join(REAL, 'ftrace', 'overflow-pipe-small.trace_pipe.txt.gz'), [{ name: 'fairness', params: {} }], { workers: 1 })
    // MANIFEST: CPU:0 [LOST 46395 EVENTS] and CPU:1 [LOST 36123 EVENTS], before any sched_switch
    expect(run.coverage.lost_events).toBe(46395 + 36123)
    const c = (run.outputs[0].result as { coverage: Coverage & { lost_events_in_window: number } }).coverage
    expect([c.lost_in_window, c.lost_events_in_window]).toEqual([0, 0])
  })
})
