// Flag tables as kernels print them in format files; expected values computed by hand.
import { describe, expect, it } from 'vitest'
import { evaluateConstant, flagTables, formatFlags, formatSymbolic } from './print-flags.js'

describe('evaluateConstant', () => {
  it('evaluates casts, shifts, or/and/not and integer suffixes', () => {
    expect(evaluateConstant('( unsigned long)(((( gfp_t)(((((1UL))) << (10))|((((1UL))) << (11)))) | (( gfp_t)((((1UL))) << (6)))))')).toBe(0xc40n)
    expect(evaluateConstant('((1U << 20) - 1)')).toBe(0xfffffn)
    expect(evaluateConstant('0x00040000 | 0x00080000')).toBe(0xc0000n)
    expect(evaluateConstant('(( gfp_t)0x40u) & ~(( gfp_t)0x40u)')).toBe(0n)
  })

  it('gives undefined for expressions naming anything but numbers', () => {
    expect(evaluateConstant('HRTIMER_MODE_ABS')).toBeUndefined()
    expect(evaluateConstant('REC->flags & 3')).toBeUndefined()
  })
})

describe('flag tables', () => {
  const fmt = '"flags=%s clock=%s", __print_flags(REC->flags & (0x4 | 0x8), "|", { 0x1, "A" }, { 0x2, "B" }, { 0x3, "AB" }, { FOO, "F" }), __print_symbolic(REC->clockid, { 0, "CLOCK_REALTIME" }, { 1, "CLOCK_MONOTONIC" })'

  it('reads every table with its field, delimiter and evaluable entries', () => {
    const [flags, symbolic] = flagTables(fmt)
    expect(flags).toEqual({ kind: 'flags', field: 'flags', delimiter: '|', entries: [{ value: 1n, name: 'A' }, { value: 2n, name: 'B' }, { value: 3n, name: 'AB' }] })
    expect(symbolic).toMatchObject({ kind: 'symbolic', field: 'clockid', entries: [{ value: 0n, name: 'CLOCK_REALTIME' }, { value: 1n, name: 'CLOCK_MONOTONIC' }] })
  })

  it('prints flags in table order, each mask once, the rest in hex; symbols or 0x<hex>', () => {
    const [flags, symbolic] = flagTables(fmt)
    expect(formatFlags(3n, flags!)).toBe('A|B')
    expect(formatFlags(0x12n, flags!)).toBe('B|0x10')
    expect(formatFlags(0n, flags!)).toBe('')
    expect(formatSymbolic(1n, symbolic!)).toBe('CLOCK_MONOTONIC')
    expect(formatSymbolic(9n, symbolic!)).toBe('0x9')
  })
})
