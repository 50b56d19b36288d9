// The part of `perf data convert --to-json` output before the samples: the format version
// and `headers` (hostname, os-release, arch, cpu-desc, cpuid, nrcpus-*, perf-version,
// cmdline, and clockid/clock-time/real-time when perf record used -k). perf writes it as
// `{ "linux-perf-json-version": 1, "headers": {...}, "samples": [` (tools/perf/util/
// data-convert-json.c), so it is parsed whole, once, and handed to every piece.
import { TraceInputError } from '../parser.js'
import { recordedEvents } from './recorded-events.js'
import { excerptAround, isJsonSpace } from './samples-scanner.js'

/** What every piece needs to know about the stream (JSON-serializable). */
export type PerfJsonContext = {
  format: 'perf-json'
  /** Byte offset just after the samples array's `[`: where the first piece's samples begin. */
  samplesOffset: number
  /** Newlines before samplesOffset. */
  headerLines: number
  version: number
  headers: Record<string, unknown>
  /** Events the recording selected, from headers.cmdline (perf record -e ...). */
  events: string[]
}

/** A header bigger than this is not perf's: stop rather than buffer a whole file. */
const MAX_HEADER_BYTES = 1 << 20

const SAMPLES_KEY = Buffer.from('"samples"')

/**
 * Parses the header in bytes[0, length) when the samples array has begun; null when more
 * bytes are needed. Throws TraceInputError when the bytes cannot be perf JSON.
 */
export function parsePerfJsonHeader(bytes: Uint8Array, length: number, eof: boolean): PerfJsonContext | null {
  let i = 0
  while (i < length && isJsonSpace(bytes[i])) i++
  if (i < length && bytes[i] !== 0x7b) fail(bytes, i, "a perf JSON document ('{')")
  let depth = 0
  let inString = false
  let keyStart = -1
  for (; i < length; i++) {
    const c = bytes[i]
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
      continue
    }
    if (c === 0x22) {
      inString = true
      if (depth === 1) keyStart = i
    } else if (c === 0x7b || c === 0x5b) {
      if (depth === 1 && c === 0x5b && keyStart >= 0 && isSamplesKey(bytes, keyStart, i)) {
        return headerContext(bytes, keyStart, i + 1)
      }
      depth++
    } else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) fail(bytes, i, 'a "samples" array in the perf JSON document')
    }
  }
  if (length > MAX_HEADER_BYTES) fail(bytes, 0, `the "samples" array within the first ${MAX_HEADER_BYTES} bytes`)
  if (eof) fail(bytes, Math.max(0, length - 1), 'a "samples" array (the document ends before it)')
  return null
}

/** `"samples"`, spaces, `:`, spaces, then the `[` at bytes[bracket]. */
function isSamplesKey(bytes: Uint8Array, keyStart: number, bracket: number): boolean {
  for (let k = 0; k < SAMPLES_KEY.length; k++) if (bytes[keyStart + k] !== SAMPLES_KEY[k]) return false
  let j = keyStart + SAMPLES_KEY.length
  while (isJsonSpace(bytes[j])) j++
  if (bytes[j++] !== 0x3a) return false
  while (isJsonSpace(bytes[j])) j++
  return j === bracket
}

function headerContext(bytes: Uint8Array, keyStart: number, samplesOffset: number): PerfJsonContext {
  let end = keyStart
  while (end > 0 && isJsonSpace(bytes[end - 1])) end--
  if (bytes[end - 1] === 0x2c) end--
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, end).toString('utf8') + '}'
  let doc: Record<string, unknown>
  try {
    doc = JSON.parse(text) as Record<string, unknown>
  } catch (e) {
    fail(bytes, 0, `a JSON header object before "samples" (${(e as Error).message})`)
  }
  const version = doc['linux-perf-json-version']
  if (typeof version !== 'number') fail(bytes, 0, 'a "linux-perf-json-version" number in the header')
  const headers = (typeof doc.headers === 'object' && doc.headers !== null ? doc.headers : {}) as Record<string, unknown>
  let headerLines = 0
  for (let i = 0; i < samplesOffset; i++) if (bytes[i] === 0x0a) headerLines++
  const cmdline = Array.isArray(headers.cmdline) ? headers.cmdline.map(String) : []
  return { format: 'perf-json', samplesOffset, headerLines, version, headers, events: recordedEvents(cmdline) }
}

function fail(bytes: Uint8Array, at: number, expected: string): never {
  let line = 1
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++
  throw new TraceInputError(expected, excerptAround(bytes, at), line, at)
}
