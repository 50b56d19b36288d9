// Which threads a periodic-task description applies to, and with which parameters.
// `match` is a thread id (all digits) or a comm pattern (`*` and `?` wildcards, as spec
// selectors write `dl_*`); comms are compared as the kernel stores them (15 bytes).
import { globRegExp } from '../glob-pattern.js'

export interface EdfTaskSpec {
  match: string
  runtimeNs: number
  deadlineNs: number
  periodNs: number
}

const COMM_LEN = 15

/** A comm pattern with `*` and `?` wildcards as a RegExp matching whole comms. */

/** A function answering, for a thread (tid, comm), the index of the first spec it matches, or -1. */
export function taskMatcher(specs: readonly EdfTaskSpec[]): (tid: number, comm: string) => number {
  const tests = specs.map((s) => {
    if (/^\d+$/.test(s.match)) {
      const tid = Number(s.match)
      return (t: number) => t === tid
    }
    const re = globRegExp(s.match.includes('*') || s.match.includes('?') ? s.match : s.match.slice(0, COMM_LEN))
    return (_t: number, comm: string) => re.test(comm)
  })
  const cache = new Map<string, number>()
  return (tid, comm) => {
    const key = `${tid}\t${comm}`
    let i = cache.get(key)
    if (i === undefined) cache.set(key, (i = tests.findIndex((f) => f(tid, comm))))
    return i
  }
}
