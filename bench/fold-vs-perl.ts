// `exotrace fold` beside FlameGraph's stackcollapse-perf.pl on the same perf script text, in
// one run: wall time, peak RSS and whether the two outputs hold the same lines. The input is
// the recording of fixtures/flamegraph repeated to the size asked (default 1 GB). The script
// comes from /tmp/fg (or STACKCOLLAPSE_PERF), else a shallow clone of FlameGraph into /tmp/fg;
// the bench downloads nothing else, and says why when the comparison is skipped.
//   node dist/bench/fold-vs-perl.js [--fold-gb 1]        (also: npm run bench -- --only fold)
import { spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..')
const CLI = join(ROOT, 'dist', 'src', 'cli.js')
const FG_DIR = '/tmp/fg'
const FG_REPO = 'https://github.com/brendangregg/FlameGraph'

interface Timed { seconds: number; maxRssMb: number; output: string; stderr: string }

/** Runs a command with stdout to `output`, timed, peak RSS from GNU time when present. */
function timed(cmd: string, args: string[], output: string): Timed {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null
  const started = performance.now()
  const r = timeBin === null
    ? spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 })
    : spawnSync(timeBin, ['-f', 'maxrss_kb=%M', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 })
  const seconds = (performance.now() - started) / 1000
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`)
  writeFileSync(output, r.stdout)
  const rss = /maxrss_kb=(\d+)/.exec(r.stderr.toString())
  return { seconds, maxRssMb: rss === null ? NaN : Number(rss[1]) / 1024, output, stderr: r.stderr.toString() }
}

/** stackcollapse-perf.pl's path, or why there is none. */
function findScript(): { path: string } | { skipped: string } {
  const given = process.env.STACKCOLLAPSE_PERF
  if (given !== undefined) return existsSync(given) ? { path: given } : { skipped: `STACKCOLLAPSE_PERF=${given} does not exist` }
  const local = join(FG_DIR, 'stackcollapse-perf.pl')
  if (existsSync(local)) return { path: local }
  const clone = spawnSync('git', ['clone', '--depth', '1', FG_REPO, FG_DIR], { encoding: 'utf8', timeout: 120_000 })
  if (clone.status === 0 && existsSync(local)) return { path: local }
  return { skipped: `no ${local}, and cloning ${FG_REPO} failed: ${(clone.stderr || clone.error?.message || '').trim().split('\n').pop()}` }
}

/** The recording repeated to `targetBytes` (each copy ends with the blank line the script needs). */
async function makeInput(path: string, targetBytes: number): Promise<void> {
  let text = gunzipSync(readFileSync(join(ROOT, 'fixtures/flamegraph/busy-loops.perf-script.txt.gz')))
  if (!text.subarray(-2).equals(Buffer.from('\n\n'))) text = Buffer.concat([text, Buffer.from('\n')])
  const out = createWriteStream(path)
  for (let written = 0; written < targetBytes; written += text.length) {
    if (!out.write(text)) await new Promise((r) => out.once('drain', r))
  }
  await new Promise<void>((done, fail) => out.end((e?: Error | null) => (e ? fail(e) : done())))
}

const sortedLines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').sort()

export async function benchFoldVsPerl(workDir: string, gb: number): Promise<void> {
  mkdirSync(workDir, { recursive: true })
  const input = join(workDir, `fold-perf-script-${gb}gb.txt`)
  const target = gb * 1e9
  if (!existsSync(input) || Math.abs(statSync(input).size - target) > 0.05 * target) {
    console.log(`generating ${gb} GB of perf script text (fixtures/flamegraph/busy-loops repeated) ...`)
    await makeInput(input, target)
  }
  const bytes = statSync(input).size
  console.log(`\nfold, perf script with call chains: ${(bytes / 1e9).toFixed(2)} GB`)
  const row = (label: string, t: Timed, extra = ''): void => console.log(
    `  ${label.padEnd(34)} ${t.seconds.toFixed(2).padStart(7)} s  ${`${(bytes / 1e6 / t.seconds).toFixed(0)} MB/s`.padStart(10)}  peak RSS ${t.maxRssMb.toFixed(0).padStart(5)} MB  ${extra}`)
  const ours = [1, 2].map((workers) => {
    const t = timed(process.execPath, [CLI, 'fold', input, '--workers', String(workers)], join(workDir, `fold-exotrace-${workers}.txt`))
    row(`exotrace fold, ${workers} worker${workers > 1 ? 's' : ''}`, t)
    return t
  })
  const script = findScript()
  if ('skipped' in script) {
    console.log(`  stackcollapse-perf.pl: comparison skipped: ${script.skipped}`)
    return
  }
  const perl = timed('perl', [script.path, input], join(workDir, 'fold-stackcollapse-perf.txt'))
  const best = Math.min(...ours.map((t) => t.seconds))
  row('stackcollapse-perf.pl', perl, `exotrace is ${(perl.seconds / best).toFixed(1)}x faster (best of 1 and 2 workers)`)
  const expected = JSON.stringify(sortedLines(perl.output))
  for (const [i, t] of ours.entries()) {
    const same = JSON.stringify(sortedLines(t.output)) === expected
    console.log(`  exotrace (${i + 1} worker${i > 0 ? 's' : ''}) printed the same folded lines as stackcollapse-perf.pl: ${same ? 'yes' : `NO; its stderr: ${t.stderr.trim().slice(-500)}`}`)
  }
  console.log(`  (${sortedLines(perl.output).length} distinct stacks)`)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--fold-gb')
  await benchFoldVsPerl(process.env.EXOTRACE_BENCH_DIR ?? '/tmp/exotrace-bench', i >= 0 ? Number(process.argv[i + 1]) : 1)
}
