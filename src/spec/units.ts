// Units of spec targets and CLI arguments, converted to one base unit per kind so that
// comparisons never mix scales: durations in ns, percentages in percent, sizes in bytes,
// rates per second.

import { formatCount, formatDurationNs } from '../report/format-units.js'

export type QuantityKind = 'duration' | 'percent' | 'count' | 'rate' | 'bytes' | 'byte_rate' | 'power' | 'index'

export interface UnitInfo {
  kind: QuantityKind
  /** Multiply a value written in this unit by this to get the base unit. */
  toBase: number
}

export class UnitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnitError'
  }
}

const DURATION: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, min: 60e9, h: 3600e9,
}

// KB/MB/GB/TB are decimal (SI) as the seed's throughputs are; KiB... are binary. `ls -lh`
// prints binary sizes, so a target in MB compared with `ls -lh` output is off by up to 7%.
const BYTES: Record<string, number> = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
}

const MULTIPLIER: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9 }

/** Units a spec file may write, listed in error messages. */
export const KNOWN_UNITS = [
  ...Object.keys(DURATION), '%', 'W', 'mW', 'count', 'index', '/s', '<noun>/s',
  ...Object.keys(BYTES), ...Object.keys(BYTES).map((b) => `${b}/s`),
]

/**
 * The kind and scale of a unit name: "us", "ms", "%", "count", "index", "MB", "GB/s",
 * "/s" or any "<noun>/s" ("msg/s", "IRQ/s") for an event rate.
 */
export function unitInfo(unit: string): UnitInfo {
  const u = unit.trim()
  if (u in DURATION) return { kind: 'duration', toBase: DURATION[u]! }
  if (u in BYTES) return { kind: 'bytes', toBase: BYTES[u]! }
  if (u === '%') return { kind: 'percent', toBase: 1 }
  // Watts: no trace measures them, but a spec states power targets all the same.
  if (u === 'W' || u === 'mW') return { kind: 'power', toBase: u === 'W' ? 1 : 1e-3 }
  if (u === 'count' || u === '') return { kind: 'count', toBase: 1 }
  if (u === 'index') return { kind: 'index', toBase: 1 }
  if (u.endsWith('/s')) {
    const per = u.slice(0, -2).trim()
    if (per in BYTES) return { kind: 'byte_rate', toBase: BYTES[per]! }
    return { kind: 'rate', toBase: 1 }
  }
  throw new UnitError(`unknown unit "${unit}": expected one of ${KNOWN_UNITS.join(', ')}`)
}

function isUnit(word: string): boolean {
  try {
    unitInfo(word)
    return true
  } catch {
    return false
  }
}

export type Op = '<' | '<=' | '>' | '>='

export interface ParsedQuantity {
  op?: Op
  /** The value in the kind's base unit (ns, %, bytes, per second, count). */
  value: number
  kind: QuantityKind
}

const OPS: Record<string, Op> = { '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=' }

// op? number (thousands commas allowed) multiplier? unit? — the unit may be a noun ("forks",
// "lignes"), read as a count, or end in "/s", read as a rate.
const QUANTITY = /^\s*(<=|>=|<|>|≤|≥)?\s*([+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d*\.?\d+(?:e[+-]?\d+)?)(?:([kKMG])(?=$|[\s/]))?\s*(.*?)\s*$/

/**
 * Parse a written quantity: "500ns", "< 6 ms", "0.1%", "> 1M msg/s", "500k/s", "3 MB",
 * "> 5 GB/s", "15,000 lignes" (a count). Returns the value in its kind's base unit.
 */
export function parseQuantity(text: string): ParsedQuantity {
  const m = QUANTITY.exec(text)
  if (!m) {
    throw new UnitError(`expected a quantity like "500ns", "< 6 ms", "0.1%", "> 1M msg/s", "3 MB": got "${text}"`)
  }
  const [, opText, numberText, multiplierText, unitText] = m
  const number = Number(numberText!.replaceAll(',', '')) * (multiplierText ? MULTIPLIER[multiplierText]! : 1)
  const unit = unitText!
  let info: UnitInfo
  try {
    info = unitInfo(unit)
  } catch (err) {
    // A noun after the number ("10k forks", "0 bypasses") names what is counted; a known
    // unit followed by more words ("1 µs round-trip") is not a quantity.
    const firstWord = unit.split(/\s+/)[0]!
    if (/^[\p{L}][\p{L}\s-]*$/u.test(unit) && !isUnit(firstWord)) info = { kind: 'count', toBase: 1 }
    else throw new UnitError(`in "${text}": ${(err as Error).message}`)
  }
  const parsed: ParsedQuantity = { value: number * info.toBase, kind: info.kind }
  if (opText) parsed.op = OPS[opText]!
  return parsed
}

/**
 * Parse a duration such as "500ns", "6ms", "2.5 s", "20us" into nanoseconds. A bare number
 * is refused: "6" could be any unit.
 */
export function parseDurationNs(text: string): number {
  let parsed: ParsedQuantity
  try {
    parsed = parseQuantity(text)
  } catch {
    throw new UnitError(`expected a duration with its unit (ns, us, ms, s, min, h), like "500ns" or "6ms": got "${text}"`)
  }
  if (parsed.kind !== 'duration' || parsed.op) {
    throw new UnitError(`expected a duration with its unit (ns, us, ms, s, min, h), like "500ns" or "6ms": got "${text}"`)
  }
  if (parsed.value < 0) throw new UnitError(`a duration cannot be negative: got "${text}"`)
  return parsed.value
}

/** A base value written for people, with its unit: 1500 ns → "1.5 µs". */
export function formatQuantity(value: number, kind: QuantityKind): string {
  // An interval bound the data cannot give (too few samples) is open.
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '-∞'
  const num = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4))))
  const scaled = (table: [number, string][]) => {
    const abs = Math.abs(value)
    const [factor, name] = table.find(([f]) => abs >= f) ?? table[table.length - 1]!
    return `${num(value / factor)} ${name}`
  }
  switch (kind) {
    case 'duration':
      return formatDurationNs(value)
    case 'bytes':
      return scaled([[1e12, 'TB'], [1e9, 'GB'], [1e6, 'MB'], [1e3, 'KB'], [1, 'B']])
    case 'byte_rate':
      return scaled([[1e12, 'TB/s'], [1e9, 'GB/s'], [1e6, 'MB/s'], [1e3, 'KB/s'], [1, 'B/s']])
    case 'rate':
      return `${formatCount(value)} /s`
    case 'percent':
      return `${num(value)} %`
    case 'power':
      return `${num(value)} W`
    case 'count':
      return formatCount(value)
    case 'index':
      return `${num(value)} (index)`
  }
}
