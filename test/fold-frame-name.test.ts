// foldedFrameName on frames the corpora lack. Expected names: `perl stackcollapse-perf.pl
// --kernel` (FlameGraph 41fee1f) on
//   app 1/2 [000] 1.0: 1 cycles:
//   	 10 foo+0x10 (/lib/x.so (deleted))
//   	 11 ->x+0x1 (/lib/x.so)
//   	 12 a;b->c (vmlinux)
//   	 13 +0x5 (/lib/y.so)
// printed `app;a:b_[k];c_[i];;x_[i];foo+0x10  1`.
import { describe, expect, it } from 'vitest'
import { foldedFrameName } from '../analyses/fold/frame-name.js'
import type { FoldFrame } from '../analyses/fold/sample-record.js'

const KERNEL = { kernel: true, jit: false, addrs: false }
const frame = (symbol: string, offset: string | null, dso: string | null): FoldFrame => ({ addr: '10', symbol, offset, dso })

describe('foldedFrameName', () => {
  it('reads a dso holding ` (` as the script does, whichever way the parser split it', () => {
    expect(foldedFrameName(frame('foo', '0x10', '/lib/x.so (deleted)'), false, KERNEL)).toBe('foo+0x10 ')
    expect(foldedFrameName(frame('foo+0x10 (/lib/x.so', null, 'deleted)'), false, KERNEL)).toBe('foo+0x10 ')
  })
  it('splits inline chains, keeping a leading empty name', () => {
    expect(foldedFrameName(frame('->x', '0x1', '/lib/x.so'), false, KERNEL)).toBe(';x_[i]')
    expect(foldedFrameName(frame('a;b->c', null, 'vmlinux'), false, KERNEL)).toBe('a:b_[k];c_[i]')
  })
  it('drops a frame with nothing left of its symbol', () => {
    expect(foldedFrameName(frame('', '0x5', '/lib/y.so'), false, KERNEL)).toBeNull()
  })
  it('drops a frame without a dso, and names an inlined frame as from dso `inlined`', () => {
    expect(foldedFrameName(frame('interp_loop', null, null), false, KERNEL)).toBeNull()
    expect(foldedFrameName({ ...frame('[unknown]', null, null), inlined: true }, false, KERNEL)).toBe('[inlined]')
  })
})
