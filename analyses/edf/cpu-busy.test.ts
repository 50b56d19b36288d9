// Busy time of hand-made switch sequences, split across segments at every possible point.
import { describe, expect, it } from 'vitest'
import { addSwitch, busyNsIn, createCpuBusy, mergeCpuBusy } from './cpu-busy.js'

// CPU 0: task 5 runs 0..30 ms, idle 30..50, task 6 runs 50..95; CPU 1: idle until 10, task 7 after.
const SWITCHES: [number, number, number, number][] = [
  [0, 0, 0, 5], [1, 10e6, 0, 7], [0, 30e6, 5, 0], [0, 50e6, 0, 6], [0, 95e6, 6, 0],
]

describe('cpu busy time', () => {
  it('sums non-idle time within a window, edges pro rata, the last task running until the window ends', () => {
    const b = createCpuBusy()
    for (const [cpu, ts, prev, next] of SWITCHES) addSwitch(b, cpu, ts, prev, next)
    // window 0..100 ms: CPU 0 busy 30 + 45 ms, CPU 1 busy 90 ms
    expect(busyNsIn(b, 0, 100e6)).toBe(165e6)
    // window 20..60 ms: CPU 0 10 + 10 ms, CPU 1 40 ms
    expect(busyNsIn(b, 20e6, 60e6)).toBeCloseTo(60e6, 0)
  })

  it('gives the same busy time however the switches are cut into segments', () => {
    for (let cut = 0; cut <= SWITCHES.length; cut++) {
      const a = createCpuBusy()
      const b = createCpuBusy()
      SWITCHES.forEach(([cpu, ts, prev, next], i) => addSwitch(i < cut ? a : b, cpu, ts, prev, next))
      expect(busyNsIn(mergeCpuBusy(a, b), 0, 100e6), `cut at ${cut}`).toBe(165e6)
    }
  })
})
