// trace.dat handed on as the text `trace-cmd report -t` prints for it, so one parser (the
// ftrace text parser, with its shared payload decoders) fills the tables from both forms of
// a recording: the binary and the text give the same rows by construction. Events whose
// print format exotrace does not know still arrive with every field named (field=value).
import { formatLikeReport, type FormatLikeReportOptions } from './format-like-report.js'
import { readKallsyms } from './kallsyms.js'
import { readPrintkFormats } from './printk-formats.js'
import type { RandomAccessSource } from './random-access-source.js'
import { readTraceDat, readTraceDatLayout } from './read-trace-dat.js'
import type { TraceDatMeta } from './trace-dat-records.js'

const CHUNK_CHARS = 1 << 20

function nanos(ts: number | bigint): string {
  const t = BigInt(ts)
  return `${t / 1_000_000_000n}.${String(t % 1_000_000_000n).padStart(9, '0')}`
}

export interface TraceDatTextOptions {
  onMeta?: (meta: TraceDatMeta) => void
  onWarning?: (message: string) => void
}

export async function* traceDatAsReportText(src: RandomAccessSource, opts: TraceDatTextOptions = {}): AsyncGenerator<Uint8Array> {
  const layout = await readTraceDatLayout(src)
  const kallsyms = await readKallsyms(src, layout)
  const format: FormatLikeReportOptions = {
    symbolize: kallsyms === undefined ? undefined : (a: bigint) => kallsyms.lookup(a),
    printk: await readPrintkFormats(src, layout),
    formats: layout.formats,
  }
  let text = ''
  for await (const rec of readTraceDat(src, { onWarning: opts.onWarning, layout })) {
    if (rec.kind === 'meta') {
      format.longSize = rec.kernelLongSize
      format.littleEndian = rec.littleEndian
      opts.onMeta?.(rec)
      text += `version = ${rec.version}\ncpus=${rec.cpus}\n`
    } else if (rec.kind === 'lost') {
      text += `CPU:${rec.cpu} [${rec.count === undefined ? '' : `${rec.count} `}EVENTS DROPPED]\n`
    } else {
      // trace-cmd report names pid 0 <idle> and a pid missing from the saved cmdlines <...>.
      const who = `${rec.pid === 0 ? '<idle>' : rec.comm ?? '<...>'}-${rec.pid}`
      text += `${who.padStart(16)} [${String(rec.cpu).padStart(3, '0')}] ${nanos(rec.ts)}: ${rec.name}: ${formatLikeReport(rec, format)}\n`
    }
    if (text.length >= CHUNK_CHARS) {
      yield Buffer.from(text, 'utf8')
      text = ''
    }
  }
  if (text.length > 0) yield Buffer.from(text, 'utf8')
}
