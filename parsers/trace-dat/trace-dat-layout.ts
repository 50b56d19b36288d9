import { ByteCursor } from './byte-cursor.js'
import {
  EventFormatError,
  parseEventFormat,
  parseHeaderEvent,
  parseHeaderPage,
  type EventFormat,
  type EventHeaderLayout,
  type PageHeaderLayout,
} from './event-format.js'
import type { FileHeader } from './file-header.js'

/** Where one CPU's ring-buffer pages are in the file (v7 compressed: the chunk list). */
export interface CpuData {
  cpu: number
  offset: number
  size: number
}

/** One trace instance's data: "" is the top-level buffer. */
export interface BufferData {
  name: string
  clock: string | undefined
  pageSize: number
  /** v7: the CPU data is a list of compressed chunks. */
  compressed: boolean
  /** v7: where the flyrecord section header is. */
  sectionOffset?: number
  cpus: CpuData[]
}

/** Everything in a trace.dat but the events themselves. */
export interface TraceDatLayout {
  header: FileHeader
  pageHeader: PageHeaderLayout
  eventHeader: EventHeaderLayout
  formats: Map<number, EventFormat>
  /** Events whose format text could not be parsed: their records keep only name and length. */
  unparsedFormats: Map<number, { system: string; name: string }>
  warnings: string[]
  cmdlines: Map<number, string>
  clock: string | undefined
  uname: string | undefined
  traceCmdVersion: string | undefined
  /** CPUs of the traced machine (CPUCOUNT option), when recorded. */
  cpuCount: number | undefined
  /** per_cpu/cpuN/stats text as recorded (CPUSTAT options). */
  cpuStats: string[]
  buffers: BufferData[]
  /** Where /proc/kallsyms is stored (v6: its u32 size; v7: its section), read only on demand. */
  kallsyms: StoredText | undefined
  /** Where printk_formats is stored (kernel strings that events point at), likewise. */
  printk: StoredText | undefined
}

/** A text stored as <u32 size><bytes>: inline in v6, as a section in v7. */
export interface StoredText {
  offset: number
  /** v7: the section id at `offset`; undefined in v6. */
  sectionId: number | undefined
}

export function emptyLayout(header: FileHeader): TraceDatLayout {
  return {
    header,
    pageHeader: { timestampOffset: 0, commitOffset: 8, commitSize: 8, dataOffset: 16 },
    eventHeader: parseHeaderEvent(''),
    formats: new Map(),
    unparsedFormats: new Map(),
    warnings: [],
    cmdlines: new Map(),
    clock: undefined,
    uname: undefined,
    traceCmdVersion: undefined,
    cpuCount: undefined,
    cpuStats: [],
    buffers: [],
    kallsyms: undefined,
    printk: undefined,
  }
}

/** "header_page\0" size text "header_event\0" size text, as both versions store them. */
export function readHeaderInfo(c: ByteCursor, layout: TraceDatLayout): void {
  const pageTag = c.cstring('"header_page"')
  if (pageTag !== 'header_page') throw c.error('"header_page"', JSON.stringify(pageTag))
  const pageText = c.text(c.u64('header_page size'), 'header_page text')
  try {
    layout.pageHeader = parseHeaderPage(pageText)
  } catch (e) {
    throw c.error(`a header_page description: ${(e as Error).message}`)
  }
  const eventTag = c.cstring('"header_event"')
  if (eventTag !== 'header_event') throw c.error('"header_event"', JSON.stringify(eventTag))
  layout.eventHeader = parseHeaderEvent(c.text(c.u64('header_event size'), 'header_event text'))
  const { typeLenBits, timeDeltaBits } = layout.eventHeader
  if (typeLenBits !== 5 || timeDeltaBits !== 27) throw c.error('a 5-bit type_len and 27-bit time_delta event header', `${typeLenBits}/${timeDeltaBits}`)
}

/** Adds one format file; an unparseable one becomes a warning naming the event. */
export function addEventFormat(layout: TraceDatLayout, text: string, system: string): void {
  try {
    const format = parseEventFormat(text, system, layout.pageHeader.commitSize)
    layout.formats.set(format.id, format)
  } catch (e) {
    if (!(e instanceof EventFormatError)) throw e
    layout.warnings.push(`event format not understood, its records keep only their length: ${e.message}`)
    if (e.id !== undefined) layout.unparsedFormats.set(e.id, { system, name: e.eventName ?? `unknown_${e.id}` })
  }
}

/** u32 count, then count x (u64 size, text): the ftrace formats of one system. */
export function readFormatList(c: ByteCursor, layout: TraceDatLayout, system: string): void {
  const count = c.u32(`number of ${system} event formats`)
  for (let i = 0; i < count; i++) {
    const size = c.u64(`size of ${system} event format ${i}`)
    addEventFormat(layout, c.text(size, `${system} event format ${i}`), system)
  }
}

/** u32 systems, then per system: name, u32 count, count x (u64 size, text). */
export function readEventSystems(c: ByteCursor, layout: TraceDatLayout): void {
  const systems = c.u32('number of event systems')
  for (let s = 0; s < systems; s++) {
    const system = c.cstring(`event system ${s} name`)
    readFormatList(c, layout, system)
  }
}

/** saved_cmdlines text: "pid comm" per line. */
export function parseCmdlines(text: string, into: Map<number, string>): void {
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ')
    if (space <= 0) continue
    const pid = Number(line.slice(0, space))
    if (Number.isInteger(pid)) into.set(pid, line.slice(space + 1))
  }
}

/** The selected clock of a trace_clock file: "local global [mono] ..." -> "mono". */
export function selectedClock(text: string): string | undefined {
  return /\[([^\]]+)\]/.exec(text)?.[1]
}
