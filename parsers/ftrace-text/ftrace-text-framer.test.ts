// The framer cuts where a piece can be parsed alone: the tables from many small pieces equal
// the tables from the whole text, for stacks, lost lines, multi-line payloads and
// function_graph calls that open in one piece and close in another.
import { describe, expect, test } from 'vitest'
import { PieceTables } from '../../tables/piece-tables.js'
import type { TableName } from '../../tables/schema.js'
import { TABLES } from '../../tables/schema.js'
import { columnValues } from '../../tables/piece-table-values.js'
import { FtraceTextFramer } from './ftrace-text-framer.js'
import { parseFtracePiece } from './parse-ftrace-piece.js'
import { parseFtraceText } from './parse-ftrace-text.js'
import { CORPORA, haveShared, linesOf, OURS, readText, REAL } from './test-inputs.js'

type CellValue = ReturnType<typeof columnValues>[number]

/** Parses `bytes` as the ingest driver does: pieces of about `pieceBytes`, each with the framer's context. */
function parseInPieces(bytes: Uint8Array, pieceBytes: number): PieceTables[] {
  const framer = new FtraceTextFramer({})
  const pieces: PieceTables[] = []
  let pos = 0
  let want = pieceBytes
  while (pos < bytes.length) {
    const eof = pos + want >= bytes.length
    const window = bytes.subarray(pos, eof ? bytes.length : pos + want)
    const end = framer.cut(window, eof)
    if (end === 0) { want *= 2; continue }
    const out = new PieceTables()
    parseFtracePiece(window.subarray(0, end), framer.context(), out)
    pieces.push(out)
    pos += end
    want = pieceBytes
  }
  return pieces
}

/** Rows of a table as comparable tuples; stacks as their frame chains, first-seen task rows left out. */
function tableRows(out: PieceTables, table: TableName): CellValue[][] {
  // seq numbers rows within a piece; the assembler makes it global
  const names = TABLES[table].map((c) => c.name).filter((n) => n !== 'seq')
  const cols = names.map((n) => columnValues(out, table, n))
  const symbols = columnValues(out, 'frame', 'symbol')
  const rows: CellValue[][] = []
  for (let r = 0; r < cols[0].length; r++) {
    const row = cols.map((c, i) => {
      if (names[i] !== 'stack_id' || c[r] === null) return c[r]
      const chain: CellValue[] = []
      for (let n = c[r] as number; n >= 0; n = out.stackNodes.parents[n]) chain.push(symbols[out.stackNodes.frames[n]])
      return chain.join(';')
    })
    if (table === 'task' && row[names.indexOf('change')] === 'seen') continue
    rows.push(row)
  }
  return rows
}

const COMPARED: TableName[] = ['sched_switch', 'sched_wakeup', 'syscall', 'irq', 'timer', 'kmem', 'event', 'lost', 'func_call', 'task']

function expectSameTables(text: string, pieceBytes: number): void {
  const bytes = new TextEncoder().encode(text)
  const whole = parseFtraceText(bytes)
  const pieces = parseInPieces(bytes, pieceBytes)
  expect(pieces.length).toBeGreaterThan(2)
  for (const table of COMPARED) {
    expect(pieces.flatMap((p) => tableRows(p, table)), table).toEqual(tableRows(whole, table))
  }
  const counts = new Map<string, number>()
  for (const p of pieces) p.eventNames.strings.forEach((n, i) => counts.set(n, (counts.get(n) ?? 0) + p.eventCounts[i]))
  expect(counts).toEqual(new Map(whole.eventNames.strings.map((n, i) => [n, whole.eventCounts[i]])))
}

describe.skipIf(!haveShared)('pieces parse like the whole', () => {
  test('trace_pipe with lost lines', () => expectSameTables(readText(`${REAL}/ftrace/overflow-pipe-small.trace_pipe.txt.gz`), 4096))
  test('stack traces and the TGID column', () => expectSameTables(readText(`${OURS}/tgid-stacktrace-local.trace.txt.gz`), 8192))
  test('stack traces after other CPUs\' lines (trace-cmd report)', () => {
    for (const size of [1500, 2000, 2500, 3000]) expectSameTables(readText(`${OURS}/stacktrace-mono.report.txt.gz`), size)
  })
  test('trace-cmd report with a payload on two lines', () =>
    expectSameTables(readText(`${CORPORA}/trappy/generated-trace-cmd-3.1.6/tests/raw_trace.dat.report.txt`), 2048))
  test('function_graph calls across pieces', () => {
    const doc = readText(`${CORPORA}/perf-tools/examples/funcgraph_example.txt`)
    expectSameTables(linesOf(doc, 247, 1612), 3000)
    expectSameTables(linesOf(doc, 9, 128), 700)
  })
})

test('a cut never separates a lost line from its event, nor an event from its stack', () => {
  const filler = (k: number): string => `            bash-1     [001] .....   100.0000${10 + k}: sys_exit: NR 0 = 0`
  const lines = [
    '            bash-1     [000] .....   100.000001: sys_enter: NR 0 (0, 0, 0, 0, 0, 0)',
    'CPU:0 [LOST 5 EVENTS]',
    '            bash-1     [000] .....   100.000009: sched_process_exec: filename=/bin/true pid=1 old_pid=1',
    '            bash-1     [001] .....   100.000009: sys_exit: NR 0 = 0',
    '            bash-1     [000] .....   100.000010: <stack trace>',
    ' => bprm_execve',
    ' => do_syscall_64',
    ...Array.from({ length: 80 }, (_, k) => filler(k)),
    '',
  ]
  const text = lines.join('\n')
  const bytes = new TextEncoder().encode(text)
  const starts = lines.map((_, i) => lines.slice(0, i).join('\n').length + (i > 0 ? 1 : 0))
  const forbidden = [starts[2], starts[3], starts[4], starts[5], starts[6]]
  const cuts = new Set<number>()
  for (let n = 1; n < bytes.length; n++) {
    const end = new FtraceTextFramer({}).cut(bytes.subarray(0, n), false)
    expect(forbidden).not.toContain(end)
    cuts.add(end)
  }
  expect(cuts.has(starts[1])).toBe(true) // before the lost line: allowed
  expect(cuts.size).toBeGreaterThan(40)
})
