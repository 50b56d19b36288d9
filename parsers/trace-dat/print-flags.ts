// __print_flags / __print_symbolic tables of a print fmt, evaluated: the kernel writes their
// values as C constant expressions (`(( gfp_t)((((1UL))) << (10)))|...`), so a small evaluator
// turns them into numbers. Entries naming kernel constants it cannot see (HRTIMER_MODE_ABS)
// are left out, and a value without a name prints as 0x<hex>, as trace-cmd does.

export interface FlagTable {
  kind: 'flags' | 'symbolic'
  /** The REC-> field the first argument reads (`REC->gfp_flags`, `REC->flags & (...)`). */
  field: string | undefined
  delimiter: string
  entries: { value: bigint; name: string }[]
}

const TYPE_WORDS = /^(?:unsigned|signed|long|int|short|char|void|const|gfp_t|size_t|u8|u16|u32|u64|s8|s16|s32|s64|__u8|__u16|__u32|__u64|bool|\*|\s)+$/

/** Evaluates an integer constant expression; undefined when it names anything but numbers. */
export function evaluateConstant(expr: string): bigint | undefined {
  const tokens = expr.match(/0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|<<|>>|[()~|&^+\-*/%]|[A-Za-z_]\w*|\S/g) ?? []
  let i = 0
  const peek = () => tokens[i]
  const fail = (): never => {
    throw new Error('not constant')
  }
  const primary = (): bigint => {
    const t = tokens[i++] ?? fail()
    if (t === '(') {
      // A cast: "(" type words ")" before an operand.
      let j = i
      while (j < tokens.length && tokens[j] !== ')') j++
      const inner = tokens.slice(i, j).join(' ')
      if (inner !== '' && TYPE_WORDS.test(inner) && /[A-Za-z]/.test(inner)) {
        i = j + 1
        return unary()
      }
      const v = or()
      if (tokens[i++] !== ')') fail()
      return v
    }
    if (/^\d/.test(t)) return BigInt(t.replace(/[uUlL]+$/, ''))
    return fail()
  }
  const unary = (): bigint => {
    const t = peek()
    if (t === '~') return i++, BigInt.asUintN(64, ~unary())
    if (t === '-') return i++, -unary()
    if (t === '+') return i++, unary()
    return primary()
  }
  const binary = (next: () => bigint, ops: Record<string, (a: bigint, b: bigint) => bigint>) => (): bigint => {
    let v = next()
    while (peek() !== undefined && ops[peek()!] !== undefined) v = ops[tokens[i++]!]!(v, next())
    return v
  }
  const mul = binary(unary, { '*': (a, b) => a * b, '/': (a, b) => a / b, '%': (a, b) => a % b })
  const add = binary(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b })
  const shift = binary(add, { '<<': (a, b) => BigInt.asUintN(64, a << b), '>>': (a, b) => a >> b })
  const and = binary(shift, { '&': (a, b) => a & b })
  const xor = binary(and, { '^': (a, b) => a ^ b })
  const or = binary(xor, { '|': (a, b) => a | b })
  try {
    const v = or()
    return i === tokens.length ? BigInt.asUintN(64, v) : undefined
  } catch {
    return undefined
  }
}

/** The text of a balanced (...) or {...} starting at `open`, and where it ends. */
function balanced(text: string, open: number): { inner: string; end: number } {
  const close = text[open] === '(' ? ')' : '}'
  let depth = 0
  let inString = false
  for (let i = open; i < text.length; i++) {
    const c = text[i]!
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === text[open]) depth++
    else if (c === close && --depth === 0) return { inner: text.slice(open + 1, i), end: i + 1 }
  }
  return { inner: text.slice(open + 1), end: text.length }
}

/** Every __print_flags / __print_symbolic of a print fmt, in order of appearance. */
export function flagTables(printFmt: string | undefined): FlagTable[] {
  const tables: FlagTable[] = []
  if (printFmt === undefined) return tables
  const re = /__print_(flags|symbolic)\s*\(/g
  for (let m = re.exec(printFmt); m !== null; m = re.exec(printFmt)) {
    const { inner, end } = balanced(printFmt, m.index + m[0].length - 1)
    re.lastIndex = end
    const firstBrace = inner.indexOf('{')
    const head = firstBrace < 0 ? inner : inner.slice(0, firstBrace)
    const field = /REC->(\w+)/.exec(head)?.[1]
    const delimiter = m[1] === 'flags' ? /"((?:[^"\\]|\\.)*)"/.exec(head)?.[1] ?? '' : ''
    const entries: FlagTable['entries'] = []
    for (let at = inner.indexOf('{'); at >= 0; at = inner.indexOf('{', at)) {
      const entry = balanced(inner, at)
      at = entry.end
      const e = /^([\s\S]*),\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(entry.inner)
      const value = e ? evaluateConstant(e[1]!) : undefined
      if (e && value !== undefined) entries.push({ value, name: e[2]! })
    }
    tables.push({ kind: m[1] as 'flags' | 'symbolic', field, delimiter, entries })
  }
  return tables
}

/** The kernel's flag printing: names of the masks contained in the value, in table order, then the rest in hex. */
export function formatFlags(value: bigint, table: FlagTable): string {
  const names: string[] = []
  let rest = value
  for (const { value: mask, name } of table.entries) {
    if (rest === 0n) break
    if (mask === 0n || (rest & mask) !== mask) continue
    names.push(name)
    rest &= ~mask
  }
  if (rest !== 0n) names.push(`0x${rest.toString(16)}`)
  return names.join(table.delimiter)
}

export function formatSymbolic(value: bigint, table: FlagTable): string {
  return table.entries.find((e) => e.value === value)?.name ?? `0x${value.toString(16)}`
}
