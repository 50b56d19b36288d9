// `--inline`: a frame of a program or library expanded into the functions inlined at its
// address, as stackcollapse-perf.pl does it: `addr2line -a PC -e DSO -i -f -s -C`, outermost
// function first; when addr2line knows nothing of the address (`??` / `??:0`) and perf printed
// `func+0xOFF`, the address is taken again from func's value in `nm DSO` plus the offset.
// Each (dso, address) is asked once per thread; askInBatches asks a segment's addresses of a
// dso in one addr2line run (a run per address cost ~3 ms each, and reloads the debug info).
import { execFileSync } from 'node:child_process'

/** Dsos the script never hands to addr2line: JIT maps, the kernel, `[vdso]`, `[unknown]`. */
const NOT_A_FILE = /(perf-\d+.map|kernel\.|\[[^\]]+\])/
const UNKNOWN_TO_ADDR2LINE = /\?\?\n\?\?:0/
const SYMBOL_OFFSET = /^(.+)\+0x([0-9a-f]+)$/
const DISCRIMINATOR = / \(discriminator \S+\)/

/** False for the dsos whose frames keep their own name under --inline (the script never asks addr2line). */
export function mayInline(dso: string | null): boolean {
  return dso !== null && !NOT_A_FILE.test(dso)
}

/**
 * The tool --inline needs that is not on the PATH, or null: asked once, up front, so a
 * missing binutils is a usage error rather than a failure inside a worker.
 */
export function missingInlineTool(): string | null {
  for (const tool of ['addr2line', 'nm']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' })
    } catch {
      return tool
    }
  }
  return null
}

const chains = new Map<string, string>()
/** dso \0 pc -> what addr2line printed for pc (its lines after the address line), from a batch */
const answers = new Map<string, string[]>()
const BATCH_ADDRESSES = 512
const ADDRESS_LINE = /^0x[0-9a-f]+$/

/** Asks addr2line about all the (dso, pc) not asked yet, one run per dso and BATCH_ADDRESSES addresses. */
export function askInBatches(questions: Iterable<[dso: string, pc: string] | null>): void {
  const byDso = new Map<string, Set<string>>()
  for (const q of questions) {
    if (q === null || answers.has(`${q[0]}\0${q[1]}`)) continue
    let pcs = byDso.get(q[0])
    if (pcs === undefined) byDso.set(q[0], (pcs = new Set()))
    pcs.add(q[1])
  }
  for (const [dso, set] of byDso) {
    const pcs = [...set]
    for (let at = 0; at < pcs.length; at += BATCH_ADDRESSES) {
      const batch = pcs.slice(at, at + BATCH_ADDRESSES)
      const blocks: string[][] = []
      for (const line of run('addr2line', ['-e', dso, '-i', '-f', '-s', '-C', '-a', ...batch]).split('\n')) {
        if (ADDRESS_LINE.test(line)) blocks.push([])
        else blocks.at(-1)?.push(line)
      }
      // A failed run (a dso that is gone) answers nothing: those are asked one by one, as the script does.
      if (blocks.length === batch.length) batch.forEach((pc, i) => answers.set(`${dso}\0${pc}`, blocks[i]))
    }
  }
}
/** per dso: symbol name -> value, the first line of `nm` that names it */
const symbolTables = new Map<string, Map<string, bigint>>()

/**
 * The `;`-joined inline chain at `pc` (hex, as perf printed it) in `dso`, with `file:line`
 * after each function when `context`; null when the script keeps the frame's own name (no
 * such file, or addr2line said `??`). `rawSymbol` is the symbol as printed, offset included.
 */
export function inlineChain(pc: string, rawSymbol: string, dso: string, context: boolean): string | null {
  if (!mayInline(dso)) return null
  const chain = cachedChain(pc, rawSymbol, dso, context)
  return chain === '' || chain === '??' || chain === '??:??:0' ? null : chain
}

function cachedChain(pc: string, rawSymbol: string, dso: string, context: boolean): string {
  const key = `${context ? 1 : 0}\0${dso}\0${pc}`
  let chain = chains.get(key)
  if (chain === undefined) {
    chain = askAddr2line(pc, rawSymbol, dso, context)
    chains.set(key, chain)
  }
  return chain
}

function askAddr2line(pc: string, rawSymbol: string, dso: string, context: boolean): string {
  // the first line of a run repeats the address
  const lines = answers.get(`${dso}\0${pc}`) ?? run('addr2line', ['-a', pc, '-e', dso, '-i', '-f', '-s', '-C']).split('\n').slice(1)
  if (UNKNOWN_TO_ADDR2LINE.test(lines.join('\n'))) {
    const m = SYMBOL_OFFSET.exec(rawSymbol)
    const base = m === null ? null : symbolValue(dso, m[1])
    if (m !== null && base !== null) return cachedChain(`0x${(base + BigInt(`0x${m[2]}`)).toString(16)}`, '', dso, context)
  }
  const functions: string[] = []
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const fn = lines[i].replace(DISCRIMINATOR, '')
    const where = lines[i + 1].replace(DISCRIMINATOR, '')
    functions.unshift(context ? `${fn}:${where}` : fn)
  }
  return functions.join(';')
}

/** The value of `name` in `nm DSO` (the script's pattern: `VALUE T NAME` on one line, the first such). */
function symbolValue(dso: string, name: string): bigint | null {
  let table = symbolTables.get(dso)
  if (table === undefined) {
    table = new Map()
    for (const line of run('nm', [dso]).split('\n')) {
      const fields = line.split(' ')
      if (fields.length === 3 && fields[1].length === 1 && /^[0-9a-f]+$/.test(fields[0]) && !table.has(fields[2])) table.set(fields[2], BigInt(`0x${fields[0]}`))
    }
    symbolTables.set(dso, table)
  }
  return table.get(name) ?? null
}

/** A tool's stdout; empty when it fails (a dso that is gone), its complaint left on stderr as the script leaves it. */
function run(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'latin1', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 30 })
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stdout?: string }
    if (err.code === 'ENOENT') throw new Error(`--inline needs ${tool} (binutils) on the PATH`)
    return err.stdout ?? ''
  }
}
