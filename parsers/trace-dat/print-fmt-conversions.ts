// Test support: which printf conversion a format's print fmt applies to each field, for fields
// printed as a plain `REC->field` argument ("%lx", "%pS", "%s", ...). `trace-cmd report -R`
// prints such fields with that conversion rather than in decimal.

/** The quoted format and the argument texts of a print fmt line. */
function splitPrintFmt(printFmt: string): { format: string; args: string[] } | undefined {
  if (!printFmt.startsWith('"')) return undefined
  let i = 1
  while (i < printFmt.length && printFmt[i] !== '"') i += printFmt[i] === '\\' ? 2 : 1
  const format = printFmt.slice(1, i)
  const args: string[] = []
  let depth = 0
  let inString = false
  let current = ''
  for (const ch of printFmt.slice(i + 1)) {
    if (inString) {
      current += ch
      if (ch === '"') inString = false
      continue
    }
    if (ch === '"') inString = true
    else if (ch === '(' || ch === '[' || ch === '{') depth++
    else if (ch === ')' || ch === ']' || ch === '}') depth--
    else if (ch === ',' && depth === 0) {
      args.push(current.trim())
      current = ''
      continue
    }
    current += ch
  }
  args.push(current.trim())
  return { format, args: args.slice(1) }
}

const CONVERSION = /%(%|[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|z|j|t|L)?(?:p[a-zA-Z]?|[diouxXcsfFeEgG]))/g

/** field name -> conversion (without the %), for arguments that are exactly a (cast) REC->field. */
export function printFmtConversions(printFmt: string | undefined): Map<string, string> {
  const out = new Map<string, string>()
  const parts = printFmt === undefined ? undefined : splitPrintFmt(printFmt)
  if (parts === undefined) return out
  const conversions = [...parts.format.matchAll(CONVERSION)].map((m) => m[1]!).filter((c) => c !== '%')
  conversions.forEach((conversion, i) => {
    const m = /^(?:\([^()]*\)\s*)*REC->(\w+)$/.exec(parts.args[i] ?? '')
    if (m && !out.has(m[1]!)) out.set(m[1]!, conversion)
  })
  return out
}
