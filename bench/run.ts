// `npm run bench`: throughput and peak memory of ingest and analysis on inputs made at run
// time, each beside the practical limit measured in the same run (a newline scan of the same
// file) or beside itself on one worker. Figures, not assertions: the machines are noisy.
//   npm run bench -- [--perf-script-gb 2.1] [--perf-json-gb 1] [--trace-dat-gb 2] [--sched-events 1e8]
//                    [--fold-gb 1] [--only ingest,json,ringbuffer,analyze,fold]
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchFoldVsPerl } from './fold-vs-perl.js'
import { generatePerfJson } from './generate-perf-json.js'
import { generatePerfScript } from './generate-perf-script.js'
import { generateTraceDat } from './generate-trace-dat.js'
import { generateSchedDataset } from './generate-sched-dataset.js'
import { measureInChild, type Measure } from './measure-in-child.js'

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..')
const SHARED = process.env.EXOTRACE_SHARED ?? resolve(ROOT, '..', 'shared')
const WORK = process.env.EXOTRACE_BENCH_DIR ?? '/tmp/exotrace-bench'
const CHILD = join(ROOT, 'dist', 'bench', 'measure-child.js')

const args = process.argv.slice(2)
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const only = opt('only', 'ingest,json,ringbuffer,analyze,fold').split(',')

const measure = (...a: string[]): Promise<Measure> => measureInChild(CHILD, a)

const mb = (bytes: number, s: number): string => `${(bytes / 1e6 / s).toFixed(0)} MB/s`
const meps = (events: number, s: number): string => `${(events / 1e6 / s).toFixed(2)} M events/s`

function row(label: string, m: Measure, bytes: number | null, extra = ''): void {
  const rate = bytes === null ? '' : `${mb(bytes, m.seconds).padStart(10)}  `
  const halves = m.halvesRssMb === null ? '' : ` (1st half ${m.halvesRssMb[0].toFixed(0)}, 2nd half ${m.halvesRssMb[1].toFixed(0)})`
  console.log(`  ${label.padEnd(34)} ${m.seconds.toFixed(2).padStart(7)} s  ${rate}${meps(m.events, m.seconds).padStart(18)}  peak RSS ${m.maxRssMb.toFixed(0).padStart(5)} MB${halves}  ${extra}`)
}

async function input(name: string, gb: number, make: (path: string, bytes: number) => Promise<number>): Promise<string> {
  const file = join(WORK, name)
  const target = gb * 1e9
  if (!existsSync(file) || Math.abs(statSync(file).size - target) > 0.05 * target) {
    console.log(`generating ${gb} GB of ${name} from the recordings ...`)
    await make(file, target)
  }
  return file
}

async function benchIngest(label: string, file: string): Promise<void> {
  const bytes = statSync(file).size
  console.log(`\ningest, ${label}: ${(bytes / 1e9).toFixed(2)} GB`)
  const scan = await measure('scan', file)
  console.log(`  ${'newline scan (1 MiB reads)'.padEnd(34)} ${scan.seconds.toFixed(2).padStart(7)} s  ${mb(bytes, scan.seconds).padStart(10)}  (the practical limit)`)
  const results: Measure[] = []
  for (const workers of [1, 2]) {
    const out = join(WORK, `ds-${workers}`)
    const m = await measure('ingest', file, out, String(workers))
    results.push(m)
    row(`ingest, ${workers} worker${workers > 1 ? 's' : ''}`, m, bytes, `${(scan.seconds / m.seconds * 100).toFixed(0)}% of the scan rate`)
    rmSync(out, { recursive: true, force: true })
  }
  console.log(`  speed-up with 2 workers: ${(results[0].seconds / results[1].seconds).toFixed(2)}x`)
}

/** Seconds `cmd args` takes with its output thrown away, or null when the tool is not installed. */
function timeTool(cmd: string, args: string[]): number | null {
  const started = performance.now()
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'] })
  } catch {
    return null
  }
  return (performance.now() - started) / 1000
}

async function benchRingBuffer(): Promise<void> {
  const dat = await input('trace.dat', Number(opt('trace-dat-gb', '2')),
    (path, bytes) => generateTraceDat(join(SHARED, 'fixtures-real/ftrace/small-top.v6.dat.gz'), path, bytes))
  const text = join(WORK, 'trace-report.txt')
  const report = timeTool('sh', ['-c', `trace-cmd report -t -i ${dat} > ${text}`])
  if (report === null) {
    console.log('\ntrace.dat: skipped, trace-cmd is not installed (apt-get install trace-cmd)')
    return
  }
  for (const [label, file] of [['trace.dat', dat], ['trace-cmd report text', text]]) {
    const bytes = statSync(file).size
    console.log(`\ningest, ${label}: ${(bytes / 1e9).toFixed(2)} GB`)
    for (const workers of [1, 2]) {
      const out = join(WORK, `ds-rb-${workers}`)
      const m = await measure('ingest', file, out, String(workers))
      row(`ingest, ${workers} worker${workers > 1 ? 's' : ''}`, m, bytes, `trace-cmd report -t of the trace.dat: ${report.toFixed(2)} s (exotrace takes ${(m.seconds / report).toFixed(2)}x its time)`)
      rmSync(out, { recursive: true, force: true })
    }
  }
}

async function schedDataset(events: number): Promise<string> {
  const dir = join(WORK, `sched-${events}`)
  if (!existsSync(join(dir, 'meta.json'))) {
    console.log(`\ngenerating a dataset of ${events.toExponential(0)} scheduler events ...`)
    await generateSchedDataset(dir, events)
  }
  return dir
}

// Two sizes, so that memory growing with the events (not the keys) would show.
async function benchAnalyze(): Promise<void> {
  const largest = Number(opt('sched-events', '1e8'))
  // fairness among the generated workload's 40 `task-7` threads: the default (the busiest CPU's
  // tasks with 1% of it) picks none of its 2000 short-lived tasks
  const analyses: [string, Record<string, unknown>][] = [['sched-latency', {}], ['fairness', { tasks: ['task-7'] }]]
  for (const events of [largest / 10, largest]) {
    const dir = await schedDataset(events)
    for (const [name, params] of analyses) {
      console.log(`\nanalyze ${name} over a dataset of ${events.toExponential(0)} events`)
      const one = await measure('analyze', dir, name, '1', JSON.stringify(params))
      row('1 worker', one, null)
      const two = await measure('analyze', dir, name, '2', JSON.stringify(params))
      row('2 workers', two, null, `speed-up ${(one.seconds / two.seconds).toFixed(2)}x`)
    }
  }
}

mkdirSync(WORK, { recursive: true })
console.log(`exotrace bench on ${process.platform} ${process.arch}, Node ${process.version}; inputs in ${WORK}`)
if (only.includes('ingest')) {
  await benchIngest('perf script text', await input('perf-script.txt', Number(opt('perf-script-gb', '2.1')),
    (path, bytes) => generatePerfScript(join(SHARED, 'fixtures-real'), path, bytes)))
}
if (only.includes('json')) {
  await benchIngest('perf data convert --to-json', await input('perf.json', Number(opt('perf-json-gb', '1')),
    (path, bytes) => generatePerfJson(join(ROOT, 'fixtures'), path, bytes)))
}
if (only.includes('ringbuffer')) await benchRingBuffer()
if (only.includes('analyze')) await benchAnalyze()
if (only.includes('fold')) await benchFoldVsPerl(WORK, Number(opt('fold-gb', '1')))
