// Numbers as people read them, always with their unit.

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** A duration in ns, in the largest unit that keeps it >= 1 (ns, us, ms, s). */
export function formatDurationNs(ns: number): string {
  const abs = Math.abs(ns)
  if (abs < 1e3) return `${trim(ns)} ns`
  if (abs < 1e6) return `${trim(ns / 1e3)} us`
  if (abs < 1e9) return `${trim(ns / 1e6)} ms`
  return `${trim(ns / 1e9)} s`
}

export function formatBytes(b: number): string {
  if (b < 1024) return `${b} B`
  if (b < 1024 ** 2) return `${trim(b / 1024)} KiB`
  if (b < 1024 ** 3) return `${trim(b / 1024 ** 2)} MiB`
  return `${trim(b / 1024 ** 3)} GiB`
}

/** Seconds with 9 decimals, as trace tools print timestamps. */
export function formatTimestampNs(ns: number): string {
  const s = Math.floor(ns / 1e9)
  return `${s}.${String(ns - s * 1e9).padStart(9, '0')}`
}

function trim(x: number): string {
  return Number(x.toPrecision(4)).toString()
}
