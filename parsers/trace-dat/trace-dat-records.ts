import type { FieldValue } from './decode-fields.js'

/**
 * One event. `ts` is nanoseconds on the trace clock: a number whenever it is exact
 * (below 2^53 ns, i.e. 104 days of uptime for the usual clocks), a bigint otherwise.
 */
export interface TraceDatEvent {
  kind: 'event'
  ts: number | bigint
  cpu: number
  pid: number
  /** The pid's comm from the saved cmdlines (what trace-cmd report prints); undefined when not saved. */
  comm: string | undefined
  system: string
  name: string
  /** The event's ID (common_type). */
  id: number
  /** common_flags, TRACE_FLAG_* bits: 0x01 irqs off, 0x04 need resched, 0x08 hardirq, 0x10 softirq, 0x20 preempt resched, 0x40 NMI, 0x80 BH off. */
  flags: number
  /** common_preempt_count: low nibble preemption depth, high nibble migrate-disable depth. */
  preemptCount: number
  /** The event's own fields (common_* left out); empty when its format could not be parsed. */
  fields: Record<string, FieldValue>
  /** Bytes of the record, common fields included. */
  size: number
}

/**
 * The ring buffer overwrote or dropped events before this point on this CPU (the page header's
 * missed-events flag). `count` is undefined when the kernel could not store it.
 */
export interface TraceDatLost {
  kind: 'lost'
  /**
   * The time of the first event recorded after the loss (the page's own timestamp when the page
   * holds none): where `trace-cmd report` prints its "CPU:N [N EVENTS DROPPED]" line.
   */
  ts: number | bigint
  cpu: number
  count: number | undefined
}

export interface TraceDatCpuSpan {
  cpu: number
  /** Bytes of ring-buffer data in the file (compressed size for compressed data). */
  bytes: number
  /** First and last event time; undefined when the CPU has no events. */
  firstTs: number | bigint | undefined
  lastTs: number | bigint | undefined
  /** From the per_cpu stats saved in the file: events overwritten / refused on this CPU while recording. */
  overrun: number | undefined
  droppedEvents: number | undefined
}

export interface TraceDatMeta {
  kind: 'meta'
  file: string | undefined
  version: 6 | 7
  littleEndian: boolean
  /** The recording user space's long size (file header). */
  longSize: number
  /** The kernel's long size (from the page header). */
  kernelLongSize: number
  pageSize: number
  compression: { name: string; version: string } | undefined
  /** The trace clock in use (trace_clock option, or the buffer's clock in v7), e.g. "mono", "local". */
  clock: string | undefined
  /** The buffer being read: "" for the top-level one. */
  buffer: string
  /** Every buffer (instance) in the file. */
  buffers: string[]
  /** CPUs of the traced machine when recorded, else the CPUs with data. */
  cpus: number
  cpuData: TraceDatCpuSpan[]
  uname: string | undefined
  traceCmdVersion: string | undefined
  eventFormats: number
  cmdlines: number
  /** Formats that could not be parsed, and similar problems found before the events. */
  warnings: string[]
}

export type TraceDatRecord = TraceDatMeta | TraceDatEvent | TraceDatLost
