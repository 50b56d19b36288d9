// Timestamps printed as decimal text in some unit, to integer nanoseconds without going
// through a binary fraction (`12.000001` s must give 12000001000 ns, not 12000000999).

export type TimeUnit = 'ns' | 'us' | 'ms' | 's'

const DIGITS_AFTER_POINT: Record<TimeUnit, number> = { ns: 0, us: 3, ms: 6, s: 9 }

export function isTimeUnit(unit: string): unit is TimeUnit {
  return unit in DIGITS_AFTER_POINT
}

/** NaN when `text` is not a plain decimal number. Digits below 1 ns are dropped. */
export function timestampNs(text: string, unit: TimeUnit): number {
  if (unit === 'ns' && /^\d{1,15}$/.test(text)) return Number(text)
  const m = /^\s*(-?)(\d*)(?:\.(\d*))?\s*$/.exec(text)
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return NaN
  const scale = DIGITS_AFTER_POINT[unit]
  const fraction = (m[3] ?? '').slice(0, scale).padEnd(scale, '0')
  const ns = Number((m[2] === '' ? '0' : m[2]) + fraction)
  return m[1] === '-' ? -ns : ns
}
