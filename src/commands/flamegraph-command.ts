// `exotrace flamegraph`: fold the input (and a before input with --diff) and write an
// interactive SVG, an HTML page or a speedscope file, chosen by the output's extension.
import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import type { FoldedStacks } from '../../analyses/fold/fold-stacks.js'
import { UsageError } from '../errors.js'
import { flameTree, type Folded } from '../flamegraph/flame-tree.js'
import { flamegraphHtml } from '../flamegraph/flamegraph-html.js'
import { flamegraphSvg } from '../flamegraph/flamegraph-svg.js'
import { foldTrace, foldWarnings } from '../flamegraph/fold-trace.js'
import { readFolded } from '../flamegraph/read-folded.js'
import { speedscopeFile } from '../flamegraph/speedscope-file.js'
import { foldOptionsOf, withFoldOptions } from './fold-command.js'
import { readOptionsOf } from './read-options.js'

const OUTPUTS = ['.svg', '.html', '.speedscope.json']

// Events whose sample period perf prints in nanoseconds (`cpu-clock:ppp`, `cpu-clock/freq=999/`).
const CLOCK_EVENT = /^(cpu-clock|task-clock)([:/]|$)/

function unitOf(folded: Pick<FoldedStacks, 'event'>, o: Record<string, unknown>): string {
  if (o.offcpu === true) return 'ns'
  if (o.count === 'samples') return 'samples'
  if (folded.event !== null && CLOCK_EVENT.test(folded.event)) return 'ns'
  return folded.event === null ? 'samples' : `${folded.event} events`
}

export function flamegraphCommand(program: Command): void {
  withFoldOptions(program.command('flamegraph')
    .description('an interactive flame graph (search, zoom, tooltips; self-contained) or a speedscope file')
    .argument('<input>', "trace file, '-' for stdin, or a dataset folder")
    .requiredOption('-o, --output <file>', `output file: ${OUTPUTS.map((e) => `*${e}`).join(', ')}`)
    .option('--diff <before>', 'differential graph: widths from <input>, red/blue by the change from this trace')
    .option('--folded', 'the input (and --diff) are folded stacks already (frame;frame COUNT lines), not traces')
    .option('--title <text>', 'title of the graph')
    .option('--width <px>', 'width of the SVG in pixels', '1200'))
    .action(async (input: string, o: Record<string, unknown>) => {
      const output = String(o.output)
      const kind = OUTPUTS.find((e) => output.endsWith(e))
      if (kind === undefined) throw new UsageError(`-o ${output}: expected a file name ending in ${OUTPUTS.join(', ')}`)
      const widthPx = Number(o.width)
      if (!Number.isInteger(widthPx) || widthPx < 200) throw new UsageError(`--width: expected an integer of 200 or more, got '${String(o.width)}'`)
      if (o.diff !== undefined && kind === '.speedscope.json') throw new UsageError('--diff: speedscope files hold one profile; write a .svg or .html')
      const options = foldOptionsOf(o)
      const read = readOptionsOf(o)
      const traceFold = async (path: string): Promise<Folded & Pick<FoldedStacks, 'event'>> => {
        if (o.folded === true) return { ...(await readFolded(path)), event: null }
        const { folded, tail } = await foldTrace(path, options, read)
        for (const w of foldWarnings(folded, tail)) process.stderr.write(`exotrace flamegraph: ${w}\n`)
        return folded
      }
      const folded = await traceFold(input)
      const unit = o.folded === true ? 'samples' : unitOf(folded, o)
      if (kind === '.speedscope.json') {
        const file = speedscopeFile(folded, String(o.title ?? input), unit === 'ns' ? 'nanoseconds' : 'none')
        await writeFile(output, JSON.stringify(file))
        return
      }
      const before = o.diff === undefined ? undefined : await traceFold(String(o.diff))
      const title = String(o.title ?? (before === undefined ? 'Flame Graph' : 'Differential Flame Graph'))
      const subtitle = before === undefined ? `${input}, ${o.offcpu === true ? 'off-CPU time' : folded.event ?? 'samples'}` : `${input} against ${String(o.diff)} (before scaled to the same total)`
      const svg = flamegraphSvg(flameTree(folded, before), { title, subtitle, unit, diff: before !== undefined, widthPx })
      await writeFile(output, kind === '.svg' ? svg : flamegraphHtml(svg, title))
    })
}
