import { stat, writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { paramsFor } from '../analyze/analysis-params.js'
import { checkExitCode } from '../check/exit-code.js'
import { check } from '../check/run-check.js'
import { UsageError } from '../errors.js'
import { checkHtml } from '../report/check-html.js'
import { checkJUnit } from '../report/check-junit.js'
import { checkMarkdown } from '../report/check-markdown.js'
import { progressBar } from '../report/progress.js'
import { renderCheck } from '../report/render-check.js'
import { SpecError } from '../spec/spec-error.js'
import { parseQuantity, UnitError } from '../spec/units.js'
import type { VerdictStatus } from '../spec/verdict.js'
import { readOptionsOf, withReadOptions } from './read-options.js'

const FAIL_ON: readonly VerdictStatus[] = ['inconclusive', 'not-measured']

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

function conditionsOf(list: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const text of list) {
    const m = /^([a-z_]+)=(.+)$/.exec(text)
    if (!m) throw new UsageError(`--condition: expected NAME=QUANTITY (e.g. ram_used=12GB), got '${text}'`)
    try {
      out[m[1]] = parseQuantity(m[2]).value
    } catch (e) {
      if (e instanceof UnitError) throw new UsageError(`--condition ${m[1]}: ${e.message}`)
      throw e
    }
  }
  return out
}

function failOnOf(list: string[]): VerdictStatus[] {
  const statuses = list.flatMap((s) => s.split(','))
  for (const s of statuses) if (!FAIL_ON.includes(s as VerdictStatus)) throw new UsageError(`--fail-on: expected inconclusive or not-measured, got '${s}'`)
  return statuses as VerdictStatus[]
}

export function checkCommand(program: Command): void {
  withReadOptions(program.command('check')
    .description('judge a spec\'s criteria on traces or datasets: pass / fail at 95% confidence, inconclusive, or not measured; exit 1 if one fails')
    .argument('<input...>', "trace files, '-' for stdin, or dataset folders (each criterion is measured on the input holding its events)")
    .requiredOption('--spec <file>', 'spec file (TOML or JSON; see specs/README.md)')
    .option('--json', 'print the result as JSON on stdout')
    .option('--junit <file>', 'write a JUnit XML report: one testcase per criterion')
    .option('--markdown <file>', 'write a Markdown report (for a pull request comment)')
    .option('--html <file>', 'write a self-contained HTML report: distributions, CDFs with the target, verdict table')
    .option('--fail-on <status>', 'also exit 1 on this status: inconclusive, not-measured (repeatable)', collect, [])
    .option('--condition <name=quantity>', 'a condition no trace measures, e.g. ram_used=12GB (repeatable)', collect, [])
    .option('--task <spec>', 'edf criteria: a periodic task NAME_OR_TID:RUNTIME,DEADLINE,PERIOD, e.g. dl_*:6ms,8ms,20ms (repeatable)', collect, [])
    .option('--rt-app <file>', 'edf criteria: the periodic tasks of an rt-app JSON task file', collect, [])
    .option('-v, --verbose', 'say why for passing criteria too'))
    .action(async (inputs: string[], o: Record<string, unknown>) => {
      const failOn = failOnOf(o.failOn as string[])
      const sizes = await Promise.all(inputs.map(async (i) => (i === '-' ? null : (await stat(i).catch(() => null))?.size ?? null)))
      const bar = progressBar('check', sizes.includes(null) ? null : sizes.reduce((a, b) => a! + b!, 0))
      let result
      try {
        result = await check(inputs, o.spec as string, {
          ...readOptionsOf(o),
          onProgress: bar.update,
          conditions: conditionsOf(o.condition as string[]),
          edfParams: (o.task as string[]).length + (o.rtApp as string[]).length > 0 ? paramsFor('edf', o) : undefined,
        })
      } catch (e) {
        if (e instanceof SpecError) throw new UsageError(e.message)
        throw e
      } finally {
        bar.stop()
      }
      if (o.junit) await writeFile(o.junit as string, checkJUnit(result, failOn))
      if (o.markdown) await writeFile(o.markdown as string, checkMarkdown(result))
      if (o.html) await writeFile(o.html as string, checkHtml(result))
      const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
      console.log(o.json ? JSON.stringify(result, null, 2) : renderCheck(result, { colour, verbose: Boolean(o.verbose) }))
      process.exitCode = checkExitCode(result, failOn)
    })
}
