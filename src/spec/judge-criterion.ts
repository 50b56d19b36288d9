// A criterion's verdict: its main check, and its `success` check when the source states a
// second condition (the seed's stress tests: "> 1M msg/s sustained" and "0 message drops").

import type { Criterion } from './types.js'
import { judgeCheck, type Verdict, type VerdictInput, type VerdictStatus } from './verdict.js'

export interface CriterionVerdict {
  id: string
  status: VerdictStatus
  main: Verdict
  success?: Verdict
}

// A failed check outweighs one that could not be judged: the run already shows a miss.
const SEVERITY: VerdictStatus[] = ['pass', 'inconclusive', 'not-measured', 'fail']

export function worseStatus(a: VerdictStatus, b: VerdictStatus): VerdictStatus {
  return SEVERITY.indexOf(a) >= SEVERITY.indexOf(b) ? a : b
}

/** Judges the criterion; `successInput` is what the trace gave for its `success` check. */
export function judgeCriterion(criterion: Criterion, input: VerdictInput, successInput: VerdictInput = {}): CriterionVerdict {
  const main = judgeCheck(criterion, input)
  if (!criterion.success) return { id: criterion.id, status: main.status, main }
  const success = judgeCheck(criterion.success, successInput)
  return { id: criterion.id, status: worseStatus(main.status, success.status), main, success }
}
