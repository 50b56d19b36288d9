// How a printf line splits into named columns. The user says it one of two ways:
//   a list   `ts:ns,tid,comm,lat:ns`  whitespace-separated fields, the last one takes the rest
//   a pattern `{ts:ns} cpu={cpu} prev={prev_comm}/{prev_tid}`  literal text around {name[:unit]}
//            (or `%{name}`, to write it over the script's own printf format)
// (a field is a run of non-blanks; a trailing placeholder takes the rest of the line).
// Without columns, lines of `key=value` tokens are split on their own (see printf-lines.ts).
import { namedColumn, type NamedColumn } from '../jsonl/named-column.js'

export type PrintfColumns = (line: string) => string[] | null

export interface PrintfLayout {
  columns: NamedColumn[]
  split: PrintfColumns
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function patternLayout(spec: string): PrintfLayout {
  const columns: NamedColumn[] = []
  let source = '^\\s*'
  let last = 0
  const placeholder = /%?\{([^{}]+)\}/g
  for (let m = placeholder.exec(spec); m !== null; m = placeholder.exec(spec)) {
    source += escapeRegExp(spec.slice(last, m.index)).replace(/\s+/g, '\\s+')
    columns.push(namedColumn(m[1]))
    last = m.index + m[0].length
    source += last === spec.length ? '(.*?)' : '(\\S*)'
  }
  source += `${escapeRegExp(spec.slice(last)).replace(/\s+/g, '\\s+')}\\s*$`
  const re = new RegExp(source)
  return { columns, split: (line) => re.exec(line)?.slice(1) ?? null }
}

function listLayout(spec: string): PrintfLayout {
  const columns = spec.split(',').map(namedColumn)
  const n = columns.length
  const split: PrintfColumns = (line) => {
    const values: string[] = []
    let i = 0
    while (values.length < n - 1) {
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++
      const start = i
      while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++
      if (i === start) return null
      values.push(line.slice(start, i))
    }
    const rest = line.slice(i).trim()
    if (rest === '') return null
    values.push(rest)
    return values
  }
  return { columns, split }
}

/** null when no columns were given. Throws on a malformed spec (bad usage). */
export function printfLayout(spec: unknown): PrintfLayout | null {
  if (spec === undefined || spec === null || spec === '') return null
  if (typeof spec !== 'string') throw new Error('--columns takes `name[:unit],...` or a `{name[:unit]}` pattern')
  return spec.includes('{') ? patternLayout(spec) : listLayout(spec)
}
