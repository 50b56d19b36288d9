import type { Command } from 'commander'
import { compareRuns } from '../compare/compare-runs.js'
import { loadRun } from '../compare/load-run.js'
import { UsageError } from '../errors.js'
import { renderCompare } from '../report/render-compare.js'
import { SpecError } from '../spec/spec-error.js'
import { readOptionsOf, withReadOptions } from './read-options.js'

export function compareCommand(program: Command): void {
  withReadOptions(program.command('compare')
    .description('two runs side by side per criterion and distribution, with a distribution-free test for a change; exit 1 on a regression beyond the threshold')
    .argument('<baseline>', 'a saved `check --json` result, a trace or a dataset folder')
    .argument('<current>', 'the same, for the run to judge')
    .option('--spec <file>', 'spec file, needed when a side is a trace or dataset')
    .option('--threshold <pct>', 'noise threshold: changes within ± this are not regressions', '5')
    .option('--json', 'print the comparison as JSON'))
    .action(async (baselineInput: string, currentInput: string, o: Record<string, unknown>) => {
      const thresholdPct = Number(o.threshold)
      if (!(thresholdPct >= 0)) throw new UsageError(`--threshold: expected a percentage >= 0, got '${String(o.threshold)}'`)
      const spec = o.spec as string | undefined
      let baseline, current
      try {
        baseline = await loadRun(baselineInput, spec, readOptionsOf(o))
        current = await loadRun(currentInput, spec, readOptionsOf(o))
      } catch (e) {
        if (e instanceof SpecError) throw new UsageError(e.message)
        throw e
      }
      const result = compareRuns(baseline, current, { thresholdPct })
      const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR
      console.log(o.json ? JSON.stringify(result, null, 2) : renderCompare(result, { colour }))
      process.exitCode = result.regressions > 0 ? 1 : 0
    })
}
