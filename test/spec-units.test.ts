// Expected values are written out by hand from the unit definitions (1 ms = 10^6 ns,
// 1 MB = 10^6 B, 1 MiB = 2^20 B), not computed with the code under test.

import { describe, expect, it } from 'vitest'
import { formatQuantity, parseDurationNs, parseQuantity, unitInfo, UnitError } from '../src/spec/units.js'

describe('parseDurationNs', () => {
  it.each([
    ['500ns', 500],
    ['6ms', 6_000_000],
    ['20us', 20_000],
    ['20 µs', 20_000],
    ['2.5s', 2_500_000_000],
    ['0.5 ms', 500_000],
    ['60min', 3_600_000_000_000],
    ['1h', 3_600_000_000_000],
  ])('%s is %d ns', (text, ns) => {
    expect(parseDurationNs(text)).toBe(ns)
  })

  it.each(['6', '', 'ms', '6 parsecs', '< 6ms', '5%', '3 MB', '-2ms'])('refuses %j with a message that shows the input', (text) => {
    expect(() => parseDurationNs(text)).toThrow(UnitError)
    expect(() => parseDurationNs(text)).toThrow(text === '-2ms' ? /negative/ : /like "500ns" or "6ms"/)
  })
})

describe('parseQuantity', () => {
  it.each([
    ['< 800 ms', { op: '<', value: 800_000_000, kind: 'duration' }],
    ['< 0.1%', { op: '<', value: 0.1, kind: 'percent' }],
    ['> 5 GB/s', { op: '>', value: 5_000_000_000, kind: 'byte_rate' }],
    ['> 1M msg/s', { op: '>', value: 1_000_000, kind: 'rate' }],
    ['> 500k/s', { op: '>', value: 500_000, kind: 'rate' }],
    ['1000 spawn/kill/s', { value: 1000, kind: 'rate' }],
    ['< 15,000 lignes', { op: '<', value: 15_000, kind: 'count' }],
    ['> 1,000', { op: '>', value: 1000, kind: 'count' }],
    ['10k forks', { value: 10_000, kind: 'count' }],
    ['< 3 MB', { op: '<', value: 3_000_000, kind: 'bytes' }],
    ['1MB', { value: 1_000_000, kind: 'bytes' }],
    ['2 MiB', { value: 2_097_152, kind: 'bytes' }],
    ['1 TB', { value: 1e12, kind: 'bytes' }],
    ['≤ 3 W', { op: '<=', value: 3, kind: 'power' }],
    ['>= 80 %', { op: '>=', value: 80, kind: 'percent' }],
  ])('%s', (text, expected) => {
    expect(parseQuantity(text)).toEqual(expected)
  })

  it('refuses a known unit followed by more words rather than reading a count', () => {
    expect(() => parseQuantity('< 1 µs round-trip')).toThrow(/unknown unit "µs round-trip"/)
    expect(() => parseQuantity('fast')).toThrow(UnitError)
  })
})

describe('unitInfo and formatQuantity', () => {
  it('knows kinds and scales', () => {
    expect(unitInfo('us')).toEqual({ kind: 'duration', toBase: 1000 })
    expect(unitInfo('KiB/s')).toEqual({ kind: 'byte_rate', toBase: 1024 })
    expect(unitInfo('IRQ/s')).toEqual({ kind: 'rate', toBase: 1 })
    expect(() => unitInfo('furlongs')).toThrow(/unknown unit "furlongs": expected one of ns, us/)
  })

  it('prints base values with a readable unit', () => {
    expect(formatQuantity(1500, 'duration')).toBe('1.5 us')
    expect(formatQuantity(800_000_000, 'duration')).toBe('800 ms')
    expect(formatQuantity(0.1, 'percent')).toBe('0.1 %')
    expect(formatQuantity(5e9, 'byte_rate')).toBe('5 GB/s')
    expect(formatQuantity(120_000, 'rate')).toBe('120,000 /s')
    expect(formatQuantity(0, 'duration')).toBe('0 ns')
  })
})
