// The text formats the kernel publishes under tracefs (Documentation/trace/events.rst) and that
// trace.dat stores verbatim: events/<system>/<event>/format, events/header_page and
// events/header_event.

/**
 * How a field's bytes are laid out:
 * - int: a scalar of `size` bytes
 * - string: a fixed `char name[N]` array, NUL-padded
 * - array: a fixed array of other elements (`u8 fsid[16]`, `unsigned long args[6]`)
 * - dynString / dynArray: `__data_loc` (or `__rel_loc`) u32 = offset | length << 16, the data
 *   further in the record; `__rel_loc` offsets count from the end of the field (kernel 5.18+)
 * - tail / tailString: a zero-size field whose data runs to the end of the record (ftrace's
 *   bprint `u32 buf`, print's `char buf[]`)
 */
export type FieldKind = 'int' | 'string' | 'array' | 'dynString' | 'dynArray' | 'tail' | 'tailString'

export interface FieldFormat {
  name: string
  /** The declared type without the name or the array suffix, e.g. `unsigned long`, `__data_loc char[]`. */
  type: string
  offset: number
  size: number
  signed: boolean
  kind: FieldKind
  /** Bytes per element (arrays); `size` for scalars. */
  elementSize: number
  /** `__rel_loc`: the offset counts from the end of this field. */
  relative: boolean
}

export interface EventFormat {
  system: string
  name: string
  id: number
  /** common_type, common_flags, common_preempt_count, common_pid (...). */
  commonFields: FieldFormat[]
  fields: FieldFormat[]
  printFmt: string | undefined
}

export class EventFormatError extends Error {
  constructor(message: string, readonly eventName: string | undefined, readonly id: number | undefined) {
    super(message)
    this.name = 'EventFormatError'
  }
}

const FIELD_LINE = /^\s*field(?: special)?:\s*(.+?);\s*offset:\s*(\d+);\s*size:\s*(\d+);(?:\s*signed:\s*(\d+);)?/
const DECLARATION = /^(.*?)\s*\b([A-Za-z_]\w*)\s*(\[[^\]]*\])?$/

/** Element sizes of the element types that occur in dynamic arrays; `long` is the kernel's. */
function elementSizeOf(type: string, kernelLongSize: number): number | undefined {
  const base = type.replace(/\b(const|volatile|__data_loc|__rel_loc)\b/g, '').replace(/\[\]/g, '').trim()
  if (base.endsWith('*')) return kernelLongSize
  if (/^(unsigned |signed )?char$|^(__)?[us]8$|^u?int8_t$|^bool$/.test(base)) return 1
  if (/^(unsigned |signed )?short( int)?$|^(__)?[us]16$|^u?int16_t$/.test(base)) return 2
  if (/^(unsigned |signed )?int$|^unsigned$|^(__)?[us]32$|^u?int32_t$|^pid_t$/.test(base)) return 4
  if (/^(unsigned |signed )?long long( int)?$|^(__)?[us]64$|^u?int64_t$/.test(base)) return 8
  if (/^(unsigned |signed )?long( int)?$|^cpumask_t$|^size_t$/.test(base)) return kernelLongSize
  return undefined
}

function isCharType(type: string): boolean {
  return /^(const )?(signed )?char$/.test(type.trim())
}

export function parseField(line: string, kernelLongSize: number): FieldFormat | undefined {
  const m = FIELD_LINE.exec(line)
  if (!m) return undefined
  const decl = DECLARATION.exec(m[1]!.trim())
  if (!decl || decl[1]!.trim() === '') throw new Error(`cannot split type and name in "${m[1]}"`)
  const type = decl[1]!.trim()
  const name = decl[2]!
  const suffix = decl[3]
  const offset = Number(m[2])
  const size = Number(m[3])
  // Kernels before 2.6.32 print no "signed:"; the type decides then.
  const signed = m[4] === undefined ? !/unsigned|^u\d|^__u|^bool|\*/.test(type) : m[4] === '1'
  const field: FieldFormat = { name, type, offset, size, signed, kind: 'int', elementSize: size, relative: false }
  if (/^__(data|rel)_loc\b/.test(type)) {
    field.relative = type.startsWith('__rel_loc')
    const element = type.replace(/^__(data|rel)_loc\s*/, '').replace(/\[\]$/, '').trim()
    field.kind = isCharType(element) ? 'dynString' : 'dynArray'
    field.elementSize = elementSizeOf(element, kernelLongSize) ?? 1
  } else if (size === 0) {
    field.kind = isCharType(type) ? 'tailString' : 'tail'
    field.elementSize = elementSizeOf(type, kernelLongSize) ?? 1
  } else if (suffix !== undefined) {
    const declared = Number(suffix.slice(1, -1))
    const fromType = elementSizeOf(type, kernelLongSize)
    field.elementSize = Number.isInteger(declared) && declared > 0 ? size / declared : fromType ?? 1
    if (!Number.isInteger(field.elementSize) || field.elementSize <= 0) field.elementSize = 1
    field.kind = isCharType(type) ? 'string' : 'array'
  } else if (size > 8 || (size !== 1 && size !== 2 && size !== 4 && size !== 8)) {
    // A struct or other odd-sized member: keep its bytes.
    field.kind = 'array'
    field.elementSize = 1
  }
  return field
}

/**
 * Parses one events/<system>/<event>/format text. Throws EventFormatError (carrying the name
 * and ID when those could be read) when the text is not a format file.
 */
export function parseEventFormat(text: string, system: string, kernelLongSize = 8): EventFormat {
  const name = /^name:\s*(\S+)/m.exec(text)?.[1]
  const idText = /^ID:\s*(\d+)/m.exec(text)?.[1]
  const id = idText === undefined ? undefined : Number(idText)
  if (name === undefined) throw new EventFormatError('no "name:" line', undefined, id)
  if (id === undefined) throw new EventFormatError(`${system}:${name}: no "ID:" line`, name, undefined)
  const commonFields: FieldFormat[] = []
  const fields: FieldFormat[] = []
  let printFmt: string | undefined
  let inFormat = false
  for (const line of text.split('\n')) {
    if (line.startsWith('format:')) inFormat = true
    else if (line.startsWith('print fmt:')) {
      printFmt = line.slice('print fmt:'.length).trim()
      inFormat = false
    } else if (inFormat && line.trim() !== '') {
      let field: FieldFormat | undefined
      try {
        field = parseField(line, kernelLongSize)
      } catch (e) {
        throw new EventFormatError(`${system}:${name}: ${(e as Error).message}`, name, id)
      }
      if (field === undefined) throw new EventFormatError(`${system}:${name}: unreadable field line "${line.trim()}"`, name, id)
      ;(field.name.startsWith('common_') ? commonFields : fields).push(field)
    }
  }
  if (!inFormat && commonFields.length === 0 && fields.length === 0) {
    throw new EventFormatError(`${system}:${name}: no "format:" section with fields`, name, id)
  }
  return { system, name, id, commonFields, fields, printFmt }
}

/** Where the parts of a ring-buffer page header are (events/header_page). */
export interface PageHeaderLayout {
  timestampOffset: number
  commitOffset: number
  /** The kernel's `long` size: also the size of the missed-events count stored after the data. */
  commitSize: number
  dataOffset: number
}

export function parseHeaderPage(text: string): PageHeaderLayout {
  const byName = new Map<string, { offset: number; size: number }>()
  for (const line of text.split('\n')) {
    const m = /field:.*?\b(\w+);\s*offset:\s*(\d+);\s*size:\s*(\d+);/.exec(line)
    if (m && !byName.has(m[1]!)) byName.set(m[1]!, { offset: Number(m[2]), size: Number(m[3]) })
  }
  const timestamp = byName.get('timestamp')
  const commit = byName.get('commit')
  const data = byName.get('data')
  if (!timestamp || !commit || !data) throw new Error('header_page lacks the timestamp, commit or data field')
  return { timestampOffset: timestamp.offset, commitOffset: commit.offset, commitSize: commit.size, dataOffset: data.offset }
}

/** The event header bit layout (events/header_event); every kernel since 2.6.30 prints 5/27. */
export interface EventHeaderLayout {
  typeLenBits: number
  timeDeltaBits: number
  padding: number
  timeExtend: number
  timeStamp: number
  dataMaxTypeLen: number
}

export function parseHeaderEvent(text: string): EventHeaderLayout {
  const num = (re: RegExp, fallback: number): number => {
    const m = re.exec(text)
    return m ? Number(m[1]) : fallback
  }
  return {
    typeLenBits: num(/type_len\s*:\s*(\d+) bits/, 5),
    timeDeltaBits: num(/time_delta\s*:\s*(\d+) bits/, 27),
    padding: num(/padding\s*:\s*type == (\d+)/, 29),
    timeExtend: num(/time_extend\s*:\s*type == (\d+)/, 30),
    timeStamp: num(/time_stamp\s*:\s*type == (\d+)/, 31),
    dataMaxTypeLen: num(/data max type_len\s*==\s*(\d+)/, 28),
  }
}
