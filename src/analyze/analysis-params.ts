// Command-line options to each analysis's parameters, with the checks a user needs.
import { SYSCALL_ARCHES, type SyscallArch } from '../../analyses/syscall-names/syscall-name.js'
import { BUILTIN_SPANS } from '../../analyses/spans/builtin-spans.js'
import { readFileSync } from 'node:fs'
import type { EdfTaskSpec } from '../../analyses/edf/edf-task-spec.js'
import { rtAppTasks } from '../../analyses/edf/rt-app-tasks.js'
import { parseBuddyinfo } from '../../analyses/fragmentation/buddyinfo.js'
import { parseDurationNs } from '../spec/units.js'
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

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)])

/** One `--task NAME_OR_TID:RUNTIME,DEADLINE,PERIOD` (durations with their unit, e.g. dl_a:6ms,8ms,20ms). */
export function parseEdfTask(t: string, flag = '--task'): EdfTaskSpec {
  const colon = t.lastIndexOf(':')
  const durations = t.slice(colon + 1).split(',')
  if (colon <= 0 || durations.length !== 3) throw new UsageError(`${flag}: expected NAME_OR_TID:RUNTIME,DEADLINE,PERIOD like dl_a:6ms,8ms,20ms, got '${t}'`)
  let ns: number[]
  try {
    ns = durations.map((d) => parseDurationNs(d.trim()))
  } catch (e) {
    throw new UsageError(`${flag} '${t}': ${(e as Error).message}`)
  }
  if (!(ns[0] > 0 && ns[0] <= ns[1] && ns[2] > 0)) throw new UsageError(`${flag} '${t}': expected 0 < runtime <= deadline and a period > 0`)
  return { match: t.slice(0, colon), runtimeNs: ns[0], deadlineNs: ns[1], periodNs: ns[2] }
}

/** `--task` (repeatable) and `--rt-app FILE.json`. */
function edfParams(o: Options): unknown {
  const tasks: EdfTaskSpec[] = asList(o.task).map((t) => parseEdfTask(t))
  for (const f of asList(o.rtApp)) {
    try {
      tasks.push(...rtAppTasks(readFileSync(f, 'utf8')))
    } catch (e) {
      throw new UsageError(`--rt-app ${f}: ${(e as Error).message}`)
    }
  }
  if (tasks.length === 0) throw new UsageError('edf: give the periodic tasks with --task NAME_OR_TID:RUNTIME,DEADLINE,PERIOD (e.g. dl_a:6ms,8ms,20ms) or --rt-app FILE.json')
  return { tasks, jobs: o.jobs === true, relativeError: relativeError(o) }
}

function positiveInt(o: Options, key: string, flag: string, min: number): number | undefined {
  if (o[key] === undefined) return undefined
  const n = Number(o[key])
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag}: expected an integer >= ${min}, got '${String(o[key])}'`)
  return n
}

/** `--cpu N`, `--tids A,B`, `--comm PATTERN[,PATTERN]`, `--window N`, `--min-share PCT`. */
function fairnessParams(o: Options): unknown {
  const tids = o.tids === undefined ? undefined : String(o.tids).split(',').map((t) => {
    if (!/^\d+$/.test(t.trim())) throw new UsageError(`--tids: expected thread ids separated by commas, got '${String(o.tids)}'`)
    return Number(t)
  })
  const minShare = o.minShare === undefined ? undefined : Number(o.minShare)
  if (minShare !== undefined && !(minShare >= 0 && minShare < 100)) throw new UsageError(`--min-share: expected a percentage in [0, 100), got '${String(o.minShare)}'`)
  return {
    cpu: positiveInt(o, 'cpu', '--cpu', 0), tids, tasks: o.comm === undefined ? undefined : String(o.comm).split(','),
    windowSwitches: positiveInt(o, 'window', '--window', 2), minSharePct: minShare,
  }
}

/** `--buddyinfo FILE` (a /proc/buddyinfo snapshot), `--interval DURATION`. */
function fragmentationParams(o: Options): unknown {
  let buddyinfo
  if (o.buddyinfo !== undefined) {
    try {
      buddyinfo = parseBuddyinfo(readFileSync(String(o.buddyinfo), 'utf8'))
    } catch (e) {
      throw new UsageError(`--buddyinfo ${String(o.buddyinfo)}: ${(e as Error).message}`)
    }
  }
  let intervalNs
  try {
    intervalNs = o.interval === undefined ? undefined : parseDurationNs(String(o.interval))
  } catch (e) {
    throw new UsageError(`--interval: ${(e as Error).message}`)
  }
  if (intervalNs === 0) throw new UsageError('--interval: expected a duration > 0')
  return { buddyinfo, intervalNs }
}

export function paramsFor(analysis: string, o: Options): unknown {
  switch (analysis) {
    case 'spans': return spansParams(o)
    case 'syscall-latency': return { arch: arch(o), relativeError: relativeError(o) }
    case 'edf': return edfParams(o)
    case 'fairness': return fairnessParams(o)
    case 'sched-latency': return { relativeError: relativeError(o), tasks: o.comm === undefined ? undefined : String(o.comm).split(',') }
    case 'fragmentation': return fragmentationParams(o)
    case 'histogram': return { name: o.name as string | undefined }
    default: return { relativeError: relativeError(o) }
  }
}
