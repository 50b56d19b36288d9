/** The loss counters of one CPU's per_cpu/cpuN/stats, as trace-cmd saved them (CPUSTAT options). */
export interface CpuLossStats {
  /** Events overwritten (overwrite mode) before they were read. */
  overrun: number | undefined
  /** Events refused because the buffer was full (no-overwrite mode). */
  droppedEvents: number | undefined
}

/**
 * The stats of `buffer`'s CPUs. trace-cmd writes the top buffer's CPUSTAT options first, then
 * for each instance one option reading "Buffer: NAME" followed by that instance's.
 */
export function cpuLossStats(texts: readonly string[], buffer: string): Map<number, CpuLossStats> {
  const out = new Map<number, CpuLossStats>()
  let current = ''
  for (const text of texts) {
    const cpu = /^CPU:\s*(\d+)/m.exec(text)
    if (!cpu) {
      const name = /^Buffer:\s*(.*?)\s*$/m.exec(text)
      if (name) current = name[1]!
      continue
    }
    if (current !== buffer) continue
    const value = (key: string) => {
      const m = new RegExp(`^${key}:\\s*(\\d+)`, 'm').exec(text)
      return m ? Number(m[1]) : undefined
    }
    out.set(Number(cpu[1]), { overrun: value('overrun'), droppedEvents: value('dropped events') })
  }
  return out
}
