// trace-cmd's trace.dat as a Parser: detected by its magic, read by random access, transcoded
// to `trace-cmd report -t` text, and parsed by the ftrace text parser (same tables, same
// payload decoders, whichever form of a recording a user has).
import { ftraceTextParser } from '../ftrace-text/index.js'
import { TraceInputError, type InputDamage, type Parser, type PieceContext, type TranscodeSource } from '../parser.js'
import { detectTraceDat } from './detect-trace-dat.js'
import { openFileSource } from './random-access-source.js'
import { TraceDatError } from './trace-dat-error.js'
import { traceDatAsReportText } from './trace-dat-text.js'

async function* transcode(source: TranscodeSource, context: PieceContext): AsyncGenerator<Uint8Array> {
  const src = await openFileSource(source.path)
  const warnings: string[] = []
  try {
    yield* traceDatAsReportText(src, {
      onMeta: (m) => Object.assign(context, { trace_dat: { version: m.version, clock: m.clock, compression: m.compression, cpus: m.cpus, buffer: m.buffer } }),
      onWarning: (w) => { if (warnings.push(w) <= 20) context.warnings = warnings },
      onDamage: (e) => { context.damage = { byte_offset: e.offset, expected: e.expected, found: e.found ?? null } satisfies InputDamage },
    })
  } catch (e) {
    if (e instanceof TraceDatError) throw new TraceInputError(e.expected, e.found ?? '', null, e.offset)
    throw e
  } finally {
    await src.close()
  }
}

export const traceDatParser: Parser = {
  format: 'trace-dat',
  description: "trace-cmd's binary trace.dat (versions 6 and 7, compressed or not)",
  detect: (head) => detectTraceDat(head),
  transcode,
  createFramer: (options) => ftraceTextParser.createFramer(options),
  parsePiece: (piece, context, out, options) => ftraceTextParser.parsePiece(piece, context, out, options),
}
