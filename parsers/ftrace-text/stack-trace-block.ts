// The ` => frame` lines under a `<stack trace>` / `<user stack trace>` event (options/stacktrace,
// the stacktrace trigger, kprobes), leaf first. Frames as the kernel prints them:
//   `func`, `func+0x1a/0x30` (sym-offset), `func <ffffffff81234567>` (sym-addr), `<00007f12...>`
// and as trace-cmd report does: `=> func (ffffffff81234567)`, `=> ffffffff81234567`. Each distinct frame text is one `frame`
// row; the chain becomes `stack` nodes outermost first, so equal stacks share their nodes.
import type { NumberColumn } from '../../tables/column-builders.js'
import type { PieceTables } from '../../tables/piece-tables.js'

/** The frame text of a ` => ...` line, as [start, end), or null when the line is not a frame. */
export function frameText(bytes: Uint8Array, start: number, end: number): [number, number] | null {
  let i = start
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++
  if (i + 2 > end || bytes[i] !== 0x3d || bytes[i + 1] !== 0x3e) return null
  i += 2
  while (i < end && bytes[i] === 0x20) i++
  let e = end
  while (e > i && (bytes[e - 1] === 0x20 || bytes[e - 1] === 0x0d)) e--
  return e > i ? [i, e] : null
}

const decoder = new TextDecoder()

/** Frame id (row of `frame`) of the frame text bytes[s, e), adding the row on first sight. */
export function frameId(out: PieceTables, bytes: Uint8Array, s: number, e: number): number {
  const id = out.frameKeys.internBytes(bytes, s, e)
  const f = out.table('frame')
  if (id < f.length) return id
  let text = decoder.decode(bytes.subarray(s, e))
  // trace-cmd prints a frame it cannot name as the bare address
  if (/^[0-9a-f]{8,16}$/.test(text)) text = `<${text}>`
  const m = /^([^\s+<(]*)(?:\+0x([0-9a-f]+)\/0x[0-9a-f]+)?\s*(?:[<(]([0-9a-f]+)[>)])?/.exec(text)!
  const c = f.col
  c.id.push(id)
  if (m[3] !== undefined) c.addr.pushBigInt(BigInt(`0x${m[3]}`))
  else c.addr.pushNull()
  c.symbol.push(m[1] === '' ? '[unknown]' : m[1])
  if (m[2] !== undefined) c.offset.push(parseInt(m[2], 16))
  else c.offset.pushNull()
  c.dso.pushNull()
  c.inlined.push(0)
  return id
}

/** The stack node of a chain of frame ids listed leaf first. */
export function stackOf(out: PieceTables, leafFirst: number[]): number {
  let node = -1
  for (let k = leafFirst.length - 1; k >= 0; k--) node = out.stackNodes.intern(node, leafFirst[k])
  return node
}

/**
 * Gives each `<stack trace>` to the last event of its CPU. The kernel writes the stack entry
 * right after its event in that CPU's buffer, but the text merges the CPUs by time, so another
 * CPU's events may come in between: rows are written with a null stack_id at once and the
 * stack id is set when the frames have been read.
 */
export class EventStacks {
  private readonly lastColumn: (NumberColumn | null)[] = []
  private readonly lastRow: number[] = []
  private frames: number[] | null = null
  private target: NumberColumn | null = null
  private targetRow = -1

  constructor(private readonly out: PieceTables) {}

  get reading(): boolean {
    return this.frames !== null
  }

  /** The row just written on `cpu` (stack_id null so far), or null when its table has no stack column. */
  eventRow(cpu: number, stackColumn: NumberColumn | null): void {
    this.lastColumn[cpu] = stackColumn
    this.lastRow[cpu] = stackColumn === null ? -1 : stackColumn.length - 1
  }

  /** A stack trace on `cpu`: true when it belongs to the CPU's last event row. */
  beginForEvent(cpu: number): boolean {
    const col = this.lastColumn[cpu] ?? null
    if (col === null) return false
    this.lastColumn[cpu] = null
    this.begin(col, this.lastRow[cpu])
    return true
  }

  /** A stack trace kept as its own row (its stack_id column's last row). */
  beginOwn(stackColumn: NumberColumn): void {
    this.begin(stackColumn, stackColumn.length - 1)
  }

  frame(bytes: Uint8Array, s: number, e: number): void {
    this.frames!.push(frameId(this.out, bytes, s, e))
  }

  end(): void {
    if (this.frames === null) return
    if (this.frames.length > 0) this.target!.setAt(this.targetRow, stackOf(this.out, this.frames))
    this.frames = null
    this.target = null
  }

  private begin(col: NumberColumn, row: number): void {
    this.target = col
    this.targetRow = row
    this.frames = []
  }
}
