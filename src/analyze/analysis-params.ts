// Command-line options to each analysis's parameters, with the checks a user needs.
import { SYSCALL_ARCHES, type SyscallArch } from '../../analyses/syscall-names/syscall-name.js'
import { BUILTIN_SPANS } from '../../analyses/spans/builtin-spans.js'
import { UsageError } from '../errors.js'

export type Options = Record<string, unknown>

function arch(o: Options): SyscallArch | undefined {
  if (o.arch === undefined) return undefined
  if (!SYSCALL_ARCHES.includes(o.arch as SyscallArch)) throw new UsageError(`--arch: expected one of ${SYSCALL_ARCHES.join(', ')}, got '${String(o.arch)}'`)
  return o.arch as SyscallArch
}

function relativeError(o: Options): number | undefined {
  if (o.relativeError === undefined) return undefined
  const pct = Number(o.relativeError)
  if (!(pct > 0 && pct < 50)) throw new UsageError(`--relative-error: expected a percentage between 0 and 50, got '${String(o.relativeError)}'`)
  return pct / 100
}

function spansParams(o: Options): unknown {
  if (o.begin !== undefined || o.end !== undefined) {
    if (o.begin === undefined || o.end === undefined || o.key === undefined) throw new UsageError('a custom span needs --begin EVENT, --end EVENT and --key FIELD[,FIELD]')
    return {
      span: 'custom', arch: arch(o), relativeError: relativeError(o),
      custom: { begin: String(o.begin), end: String(o.end), key: String(o.key).split(','), groupBy: o.groupBy as string | undefined },
    }
  }
  const names = BUILTIN_SPANS.map((s) => s.name)
  if (o.span === undefined || !names.includes(String(o.span))) {
    throw new UsageError(`spans: --span must be one of ${names.join(', ')} (or --begin/--end/--key for your own)`)
  }
  return { span: String(o.span), arch: arch(o), relativeError: relativeError(o) }
}

export function paramsFor(analysis: string, o: Options): unknown {
  switch (analysis) {
    case 'spans': return spansParams(o)
    case 'syscall-latency': return { arch: arch(o), relativeError: relativeError(o) }
    default: return { relativeError: relativeError(o) }
  }
}
