// Format files as the kernel prints them (Documentation/trace/events.rst; texts copied from a
// 6.18 tracefs and from trappy's 32-bit ARM trace), and records built byte by byte.
import { describe, expect, it } from 'vitest'
import { decodeFields } from './decode-fields.js'
import { EventFormatError, parseEventFormat, parseHeaderPage } from './event-format.js'

const COMMON = `format:
\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;
\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;
\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;
\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;
`

const IRQ_ENTRY = `name: irq_handler_entry
ID: 120
${COMMON}
\tfield:int irq;\toffset:8;\tsize:4;\tsigned:1;
\tfield:__data_loc char[] name;\toffset:12;\tsize:4;\tsigned:0;

print fmt: "irq=%d name=%s", REC->irq, __get_str(name)
`

const SYS_ENTER = `name: sys_enter
ID: 443
${COMMON}
\tfield:long id;\toffset:8;\tsize:8;\tsigned:1;
\tfield:unsigned long args[6];\toffset:16;\tsize:48;\tsigned:0;

print fmt: "NR %ld (%lx, %lx, %lx, %lx, %lx, %lx)", REC->id, REC->args[0], REC->args[1], REC->args[2], REC->args[3], REC->args[4], REC->args[5]
`

const MIXED = `name: mixed
ID: 7
${COMMON}
\tfield:char comm[16];\toffset:8;\tsize:16;\tsigned:0;
\tfield:u8 fsid[4];\toffset:24;\tsize:4;\tsigned:0;
\tfield:__rel_loc u16[] vals;\toffset:28;\tsize:4;\tsigned:0;
\tfield:void * ptr;\toffset:32;\tsize:8;\tsigned:0;
\tfield:s64 delta;\toffset:40;\tsize:8;\tsigned:1;
\tfield:u32 buf;\toffset:48;\tsize:0;\tsigned:0;

print fmt: "whatever"
`

function record(size: number, fill: (v: DataView, b: Uint8Array) => void) {
  const bytes = new Uint8Array(size)
  const view = new DataView(bytes.buffer)
  fill(view, bytes)
  return { bytes, view }
}

describe('parseEventFormat', () => {
  it('reads name, ID, common and own fields with offsets, sizes, signedness and kinds', () => {
    const f = parseEventFormat(IRQ_ENTRY, 'irq')
    expect(f).toMatchObject({ system: 'irq', name: 'irq_handler_entry', id: 120, printFmt: '"irq=%d name=%s", REC->irq, __get_str(name)' })
    expect(f.commonFields.map((c) => [c.name, c.offset, c.size, c.signed])).toEqual([
      ['common_type', 0, 2, false], ['common_flags', 2, 1, false], ['common_preempt_count', 3, 1, false], ['common_pid', 4, 4, true],
    ])
    expect(f.fields).toEqual([
      { name: 'irq', type: 'int', offset: 8, size: 4, signed: true, kind: 'int', elementSize: 4, relative: false },
      { name: 'name', type: '__data_loc char[]', offset: 12, size: 4, signed: false, kind: 'dynString', elementSize: 1, relative: false },
    ])
  })

  it('knows fixed arrays, pointers, __rel_loc arrays and zero-size tails', () => {
    const f = parseEventFormat(MIXED, 'test')
    expect(f.fields.map((x) => [x.name, x.kind, x.elementSize, x.relative])).toEqual([
      ['comm', 'string', 1, false], ['fsid', 'array', 1, false], ['vals', 'dynArray', 2, true],
      ['ptr', 'int', 8, false], ['delta', 'int', 8, false], ['buf', 'tail', 4, false],
    ])
    expect(parseEventFormat(SYS_ENTER, 'raw_syscalls').fields[1]).toMatchObject({ name: 'args', kind: 'array', elementSize: 8 })
  })

  it('throws EventFormatError naming the event for text it cannot read', () => {
    const bad = IRQ_ENTRY.replace('field:int irq;', 'fie1d:int irq;')
    expect(() => parseEventFormat(bad, 'irq')).toThrow(EventFormatError)
    expect(() => parseEventFormat(bad, 'irq')).toThrow(/irq:irq_handler_entry: unreadable field line "fie1d:int irq;/)
    try {
      parseEventFormat(bad, 'irq')
    } catch (e) {
      expect(e).toMatchObject({ eventName: 'irq_handler_entry', id: 120 })
    }
    expect(() => parseEventFormat('ID: 3\n', 'x')).toThrow(/no "name:" line/)
  })

  it('reads header_page of 64- and 32-bit kernels', () => {
    const text64 = '\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n\tfield: char data;\toffset:16;\tsize:4080;\tsigned:0;\n'
    expect(parseHeaderPage(text64)).toEqual({ timestampOffset: 0, commitOffset: 8, commitSize: 8, dataOffset: 16 })
    const text32 = text64.replace('offset:8;\tsize:8;', 'offset:8;\tsize:4;').replace('offset:16;\tsize:4080', 'offset:12;\tsize:4084')
    expect(parseHeaderPage(text32)).toEqual({ timestampOffset: 0, commitOffset: 8, commitSize: 4, dataOffset: 12 })
  })
})

describe('decodeFields', () => {
  it('decodes a __data_loc string (offset | length << 16, NUL included)', () => {
    const { bytes, view } = record(32, (v, b) => {
      v.setInt32(8, 36, true)
      v.setUint32(12, 16 | (14 << 16), true)
      b.set(Buffer.from('virtio1-req.0\0'), 16)
    })
    expect(decodeFields(parseEventFormat(IRQ_ENTRY, 'irq').fields, bytes, view, 0, 32, true)).toEqual({ irq: 36, name: 'virtio1-req.0' })
  })

  it('gives numbers while exact and bigint beyond 2^53, signed and unsigned', () => {
    const { bytes, view } = record(64, (v) => {
      v.setBigInt64(8, -1n, true)
      v.setBigUint64(16, 0xffff888627c1c6f8n, true)
      v.setBigUint64(24, 2n ** 53n - 1n, true)
    })
    expect(decodeFields(parseEventFormat(SYS_ENTER, 'raw_syscalls').fields, bytes, view, 0, 64, true)).toEqual({
      id: -1,
      args: [0xffff888627c1c6f8n, 2n ** 53n - 1n, 0n, 0n, 0n, 0n],
    })
  })

  it('decodes char arrays, byte arrays, __rel_loc arrays, pointers, s64 and the tail, in a record at an offset', () => {
    const base = 100
    const { bytes, view } = record(base + 60, (v, b) => {
      b.set(Buffer.from('kworker/0:2\0junk'), base + 8)
      b.set([1, 2, 3, 4], base + 24)
      v.setUint32(base + 28, 20 | (4 << 16), true) // relative to the end of the field (offset 32): at 52
      v.setUint16(base + 52, 7, true)
      v.setUint16(base + 54, 65535, true)
      v.setBigUint64(base + 32, 0xffffffff81433060n, true)
      v.setBigInt64(base + 40, -(2n ** 60n), true)
      v.setUint32(base + 48, 99, true)
    })
    const fields = decodeFields(parseEventFormat(MIXED, 'test').fields, bytes, view, base, 56, true)
    expect(fields).toEqual({
      comm: 'kworker/0:2',
      fsid: [1, 2, 3, 4],
      vals: [7, 65535],
      ptr: 0xffffffff81433060n,
      delta: -(2n ** 60n),
      buf: [99, 7 + 65535 * 65536],
    })
  })
})
