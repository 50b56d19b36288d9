import { decodeFields, readInteger } from './decode-fields.js'
import type { FieldFormat } from './event-format.js'
import type { PageEvent } from './ring-buffer-page.js'
import type { TraceDatLayout } from './trace-dat-layout.js'
import type { TraceDatEvent } from './trace-dat-records.js'

interface CommonLayout {
  type: FieldFormat
  flags: FieldFormat | undefined
  preemptCount: FieldFormat | undefined
  pid: FieldFormat
}

const field = (name: string, offset: number, size: number, signed: boolean): FieldFormat =>
  ({ name, type: '', offset, size, signed, kind: 'int', elementSize: size, relative: false })

/** Every event shares the common_* layout; take it from the first format that has one. */
function commonLayout(layout: TraceDatLayout): CommonLayout {
  for (const format of layout.formats.values()) {
    const byName = new Map(format.commonFields.map((f) => [f.name, f]))
    const type = byName.get('common_type')
    const pid = byName.get('common_pid')
    if (type && pid) return { type, pid, flags: byName.get('common_flags'), preemptCount: byName.get('common_preempt_count') }
  }
  return { type: field('common_type', 0, 2, false), flags: field('common_flags', 2, 1, false), preemptCount: field('common_preempt_count', 3, 1, false), pid: field('common_pid', 4, 4, true) }
}

/** Turns a record's bytes into a TraceDatEvent; warns once per event ID it has no format for. */
export class EventBuilder {
  private readonly common: CommonLayout
  private readonly unknownIds = new Set<number>()

  constructor(
    private readonly layout: TraceDatLayout,
    private readonly onWarning: (message: string) => void,
  ) {
    this.common = commonLayout(layout)
  }

  build(cpu: number, bytes: Uint8Array, view: DataView, e: PageEvent): TraceDatEvent {
    const le = this.layout.header.littleEndian
    const { start, length } = e
    const int = (f: FieldFormat | undefined): number =>
      f === undefined || f.offset + f.size > length ? 0 : Number(readInteger(view, start + f.offset, f.size, f.signed, le))
    const id = int(this.common.type)
    const pid = int(this.common.pid)
    const format = this.layout.formats.get(id)
    let system: string
    let name: string
    if (format) {
      system = format.system
      name = format.name
    } else {
      const unparsed = this.layout.unparsedFormats.get(id)
      system = unparsed?.system ?? ''
      name = unparsed?.name ?? `unknown_event_${id}`
      if (!unparsed && !this.unknownIds.has(id)) {
        this.unknownIds.add(id)
        this.onWarning(`no format for event ID ${id} (CPU ${cpu}): its records are kept as "${name}" with their length only`)
      }
    }
    return {
      kind: 'event',
      ts: e.ts,
      cpu,
      pid,
      comm: this.layout.cmdlines.get(pid),
      system,
      name,
      id,
      flags: int(this.common.flags),
      preemptCount: int(this.common.preemptCount),
      fields: format ? decodeFields(format.fields, bytes, view, start, length, le) : {},
      size: length,
    }
  }
}
