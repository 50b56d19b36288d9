// Periodic-task descriptions from an rt-app JSON task file (rt-app doc/tutorial.txt):
// a SCHED_DEADLINE task gives dl-runtime / dl-period / dl-deadline in microseconds (period
// defaults to runtime, deadline to period); another periodic task gives its phases' `run`
// and `timer.period`, deadline = period. A task with `instance` > 1 names its threads after it
// with a suffix, so it matches `NAME*`.
import type { EdfTaskSpec } from './edf-task-spec.js'

const US = 1000

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

function timerTask(task: Json): { runUs: number; periodUs: number } | undefined {
  const phases = isObject(task.phases) ? Object.values(task.phases).filter(isObject) : [task]
  for (const ph of phases) {
    const timer = ph.timer
    const runUs = num(ph.run) ?? num(ph.runtime)
    if (isObject(timer) && num(timer.period) !== undefined && runUs !== undefined) return { runUs, periodUs: num(timer.period)! }
  }
  return undefined
}

/** rt-app's JSON reader (json-c) accepts C comments, and its examples use them. */
function withoutComments(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) => (m.startsWith('"') ? m : ''))
}

/** Throws an Error naming the task when a task has neither deadline parameters nor a timer period. */
export function rtAppTasks(jsonText: string): EdfTaskSpec[] {
  const doc: unknown = JSON.parse(withoutComments(jsonText))
  if (!isObject(doc) || !isObject(doc.tasks)) throw new Error('expected an rt-app task file: an object with "tasks"')
  const out: EdfTaskSpec[] = []
  for (const [name, task] of Object.entries(doc.tasks)) {
    if (!isObject(task)) throw new Error(`task "${name}": expected an object`)
    const match = (num(task.instance) ?? 1) > 1 ? `${name.slice(0, 14)}*` : name
    const runtimeUs = num(task['dl-runtime'])
    if (runtimeUs !== undefined && runtimeUs > 0) {
      const periodUs = num(task['dl-period']) ?? runtimeUs
      out.push({ match, runtimeNs: runtimeUs * US, periodNs: periodUs * US, deadlineNs: (num(task['dl-deadline']) ?? periodUs) * US })
      continue
    }
    const t = timerTask(task)
    if (t === undefined) throw new Error(`task "${name}": no dl-runtime and no phase with run + timer.period: not a periodic task`)
    out.push({ match, runtimeNs: t.runUs * US, periodNs: t.periodUs * US, deadlineNs: t.periodUs * US })
  }
  return out
}
