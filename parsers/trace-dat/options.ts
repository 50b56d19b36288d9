import type { ByteCursor } from './byte-cursor.js'
import { selectedClock, type BufferData, type TraceDatLayout } from './trace-dat-layout.js'

/** Option IDs (trace-cmd.dat.v7(5); v6 uses 1-14 in its "options  " block). */
export const OptionId = {
  Done: 0,
  Date: 1,
  CpuStat: 2,
  Buffer: 3,
  TraceClock: 4,
  Uname: 5,
  Offset: 7,
  CpuCount: 8,
  Version: 9,
  Tsc2Nsec: 14,
  HeaderInfo: 16,
  FtraceEvents: 17,
  EventFormats: 18,
  Kallsyms: 19,
  Printk: 20,
  Cmdlines: 21,
} as const
export type OptionId = (typeof OptionId)[keyof typeof OptionId]

/** What options point at: v7 metadata sections, the next options section, v6 instance buffers. */
export interface OptionPointers {
  sections: Map<OptionId, number>
  nextOptions: number
  /** v6 BUFFER options: where each instance's "flyrecord" part is. */
  v6Buffers: { name: string; offset: number }[]
}

export function newOptionPointers(): OptionPointers {
  return { sections: new Map(), nextOptions: 0, v6Buffers: [] }
}

/** v7 BUFFER: offset, name, clock, [page size: trace-cmd >= 3.1], cpus, cpus x (id, offset, size). */
function readV7Buffer(c: ByteCursor, defaultPageSize: number): BufferData {
  const sectionOffset = c.u64('buffer section offset')
  const name = c.cstring('buffer name')
  const clock = c.cstring('buffer clock')
  // The page size field is newer than the man page: 4 + 20n bytes remain without it, 8 + 20n with.
  const pageSize = (c.remaining - 8) % 20 === 0 ? c.u32('buffer page size') : defaultPageSize
  const count = c.u32('buffer CPU count')
  const cpus = []
  for (let i = 0; i < count; i++) {
    const cpu = c.u32('buffer CPU id')
    const offset = c.u64('buffer CPU data offset')
    const size = c.u64('buffer CPU data size')
    cpus.push({ cpu, offset, size })
  }
  return { name, clock: clock === '' ? undefined : clock, pageSize, compressed: false, sectionOffset, cpus }
}

/** Applies one option whose data is exactly `c`. Unknown options are skipped, as the format asks. */
export function applyOption(layout: TraceDatLayout, id: number, c: ByteCursor, pointers: OptionPointers): void {
  const text = (what: string): string => c.text(c.remaining, what)
  const v7 = layout.header.version === 7
  switch (id) {
    case OptionId.Done:
      if (v7) pointers.nextOptions = c.u64('next options section offset')
      break
    case OptionId.CpuStat:
      layout.cpuStats.push(text('CPUSTAT text'))
      break
    case OptionId.Buffer:
      if (v7) layout.buffers.push(readV7Buffer(c, layout.header.pageSize))
      else {
        const offset = c.u64('buffer offset')
        pointers.v6Buffers.push({ offset, name: c.cstring('buffer name') })
      }
      break
    case OptionId.TraceClock:
      layout.clock = selectedClock(text('TRACECLOCK text'))
      break
    case OptionId.Uname:
      layout.uname = text('UNAME text')
      break
    case OptionId.CpuCount:
      layout.cpuCount = c.u32('CPUCOUNT')
      break
    case OptionId.Version:
      layout.traceCmdVersion = text('VERSION text')
      break
    case OptionId.Offset:
    case OptionId.Tsc2Nsec:
      // trace-cmd report converts timestamps with these; this reader gives them as recorded.
      layout.warnings.push(`the file has a ${id === OptionId.Offset ? 'OFFSET' : 'TSC2NSEC'} option: timestamps are given as recorded, unconverted`)
      break
    case OptionId.HeaderInfo:
    case OptionId.FtraceEvents:
    case OptionId.EventFormats:
    case OptionId.Kallsyms:
    case OptionId.Printk:
    case OptionId.Cmdlines:
      pointers.sections.set(id as OptionId, c.u64('section offset'))
      break
    default:
      break
  }
}
