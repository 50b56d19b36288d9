// An `event` row that has no time, cpu or thread: a notice about the run, a map entry that is
// not a number, a parse warning. ts is 0 (the column is not nullable).
import type { PieceTables } from '../../tables/piece-tables.js'

export function writeUntimedEvent(out: PieceTables, name: string, args: string): void {
  const c = out.table('event').col
  c.ts.push(0)
  c.cpu.pushNull()
  c.tid.pushNull()
  c.name.push(name)
  c.args.push(args)
  c.stack_id.pushNull()
}
