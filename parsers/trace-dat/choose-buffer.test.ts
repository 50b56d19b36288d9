import { describe, expect, it } from 'vitest'
import { chooseBuffer } from './choose-buffer.js'
import type { BufferData } from './trace-dat-layout.js'

const buffer = (name: string, sizes: number[]): BufferData =>
  ({ name, clock: undefined, pageSize: 4096, compressed: false, cpus: sizes.map((size, cpu) => ({ cpu, offset: 0, size })) })

describe('chooseBuffer', () => {
  it('takes the top buffer when it holds events, and names the other buffers with events', () => {
    const buffers = [buffer('', [4096]), buffer('a', [0]), buffer('b', [8192, 0])]
    expect(chooseBuffer(buffers, undefined)).toEqual({ buffer: buffers[0], warnings: ['buffer "b" also holds events; read it with { buffer: "b" }'] })
  })

  it('falls back to the first instance with events (extract -B leaves the top empty)', () => {
    const buffers = [buffer('', []), buffer('a', [0, 0]), buffer('b', [4096])]
    expect(chooseBuffer(buffers, undefined)).toEqual({ buffer: buffers[2], warnings: [] })
  })

  it('reads the buffer asked for, even empty, and says what it expected when the name is unknown', () => {
    const buffers = [buffer('', [4096]), buffer('a', [0])]
    expect(chooseBuffer(buffers, 'a')).toEqual({ buffer: buffers[1], warnings: ['buffer "" also holds events; read it with { buffer: "" }'] })
    expect(chooseBuffer(buffers, 'zz')).toBe('a buffer named "zz"')
    expect(chooseBuffer([], undefined)).toBe('a buffer named ""')
  })
})
