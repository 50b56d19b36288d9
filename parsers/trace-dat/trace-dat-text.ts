// trace.dat handed on as the text `trace-cmd report -t` prints for it, so one parser (the
// ftrace text parser, with its shared payload decoders) fills the tables from both forms of
// a recording: the binary and the text give the same rows by construction. Events whose
// print format exotrace does not know still arrive with every field named (field=value).
import { decimalText, nineDigits, threeDigits } from './decimal-text.js'
import { formatLikeReport, type FormatLikeReportOptions } from './format-like-report.js'
import { readKallsyms } from './kallsyms.js'
import { readPrintkFormats } from './printk-formats.js'
import type { RandomAccessSource } from './random-access-source.js'
import { readTraceDatBatches, readTraceDatLayout } from './read-trace-dat.js'
import type { TraceDatMeta } from './trace-dat-records.js'
import { TraceDatError } from './trace-dat-error.js'

/**
 * A chunk ends with the line that brings it to 2^20 UTF-16 code units. The pieces' cuts depend
 * on where chunks end (the framer cuts at the last record start it was shown), and so do the
 * dataset's batches: this keeps the datasets of earlier versions byte for byte.
 */
const CHUNK_CHARS = 1 << 20

function nanos(ts: number | bigint): string {
  if (typeof ts === 'number' && ts >= 0) {
    // Integers below 2^53: the division and the remainder are exact in doubles.
    const s = Math.floor(ts / 1e9)
    return `${decimalText(s)}.${nineDigits(ts - s * 1e9)}`
  }
  const t = BigInt(ts)
  return `${t / 1_000_000_000n}.${String(t % 1_000_000_000n).padStart(9, '0')}`
}

/** The `comm-pid` column, padded, per pid: its comm comes from the saved cmdlines, fixed for the file. */
class TaskColumn {
  private readonly byPid = new Map<number, string>()

  of(pid: number, comm: string | undefined): string {
    let text = this.byPid.get(pid)
    if (text === undefined) {
      // trace-cmd report names pid 0 <idle> and a pid missing from the saved cmdlines <...>.
      text = `${pid === 0 ? '<idle>' : comm ?? '<...>'}-${pid}`.padStart(16)
      // Bounded: a trace of short-lived tasks goes through millions of pids.
      if (this.byPid.size >= 1 << 16) this.byPid.clear()
      this.byPid.set(pid, text)
    }
    return text
  }
}

/** Lines joined into a string this long before they are encoded: one write call per batch of lines. */
const BATCH_CHARS = 1 << 14

/**
 * Lines encoded into a chunk as they come, a few hundred at a time. Concatenating a whole
 * chunk's lines into one string kept every line alive until the chunk was full, so each went
 * to V8's old space: garbage collection took half of the transcoding time and ~100 MB of heap.
 * One buffer serves every chunk: a fresh megabyte per chunk piled up until the next full GC.
 */
class ChunkWriter {
  private chunk = Buffer.allocUnsafe(CHUNK_CHARS + (64 << 10))
  private used = 0
  private chars = 0
  private batch = ''

  /** Adds a line; returns the chunk when the line completes it. */
  add(line: string): Buffer | undefined {
    this.batch += line
    this.chars += line.length
    if (this.chars >= CHUNK_CHARS) return this.take()
    if (this.batch.length >= BATCH_CHARS) this.encodeBatch()
    return undefined
  }

  /** What was added since the last chunk was taken; undefined when nothing was. Valid until the next add. */
  take(): Buffer | undefined {
    this.encodeBatch()
    if (this.used === 0) return undefined
    const full = this.chunk.subarray(0, this.used)
    this.used = 0
    this.chars = 0
    return full
  }

  private encodeBatch(): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + 3 * this.batch.length > this.chunk.length) {
      const bigger = Buffer.allocUnsafe(2 * (this.used + 3 * this.batch.length))
      this.chunk.copy(bigger, 0, 0, this.used)
      this.chunk = bigger
    }
    this.used += this.chunk.write(this.batch, this.used, 'utf8')
    this.batch = ''
  }
}

export interface TraceDatTextOptions {
  onMeta?: (meta: TraceDatMeta) => void
  onWarning?: (message: string) => void
  /** Damage in the event data: the text then ends with the events read before it. Without it, the error is thrown. */
  onDamage?: (error: TraceDatError) => void
}

/** The text in chunks that end on a line end. A chunk is overwritten once the next one is asked for: copy what you keep. */
export async function* traceDatAsReportText(src: RandomAccessSource, opts: TraceDatTextOptions = {}): AsyncGenerator<Uint8Array> {
  const layout = await readTraceDatLayout(src)
  const kallsyms = await readKallsyms(src, layout)
  const format: FormatLikeReportOptions = {
    symbolize: kallsyms === undefined ? undefined : (a: bigint) => kallsyms.lookup(a),
    printk: await readPrintkFormats(src, layout),
    formats: layout.formats,
  }
  const out = new ChunkWriter()
  const tasks = new TaskColumn()
  let dataStarted = false
  try {
    for await (const records of readTraceDatBatches(src, { onWarning: opts.onWarning, layout })) {
      dataStarted = true
      for (const rec of records) {
        let line: string
        if (rec.kind === 'meta') {
          format.longSize = rec.kernelLongSize
          format.littleEndian = rec.littleEndian
          opts.onMeta?.(rec)
          line = `version = ${rec.version}\ncpus=${rec.cpus}\n`
        } else if (rec.kind === 'lost') {
          line = `CPU:${rec.cpu} [${rec.count === undefined ? '' : `${rec.count} `}EVENTS DROPPED]\n`
        } else {
          line = `${tasks.of(rec.pid, rec.comm)} [${threeDigits(rec.cpu)}] ${nanos(rec.ts)}: ${rec.name}: ${formatLikeReport(rec, format)}\n`
        }
        const full = out.add(line)
        if (full !== undefined) yield full
      }
    }
  } catch (e) {
    // Damage in the event data comes after every event that could be read: those are handed on.
    if (!(e instanceof TraceDatError) || !dataStarted || opts.onDamage === undefined) throw e
    opts.onDamage(e)
  }
  const last = out.take()
  if (last !== undefined) yield last
}
