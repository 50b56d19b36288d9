// Exit codes of `exotrace check` (DESIGN.md): 0 every measured criterion passed, 1 one
// failed — or, with `--fail-on`, one had a status the caller treats as failing (strict CI
// runs fail on inconclusive ones too). 2 (bad input or usage) is the CLI's.
import type { VerdictStatus } from '../spec/verdict.js'
import type { CheckResult } from './check-result.js'

export function checkExitCode(r: CheckResult, failOn: readonly VerdictStatus[] = ['fail']): 0 | 1 {
  return r.criteria.some((c) => c.status === 'fail' || failOn.includes(c.status)) ? 1 : 0
}
