// A synthetic dataset of scheduler events, written through the same assembler and writer as
// an ingest: `tasks` threads on `cpus` CPUs, each step a wakeup then a switch to the woken task.
// Made at run time for the analysis benchmark (10^8 events do not belong in the repository).
import { datasetMeta } from '../src/ingest/ingest.js'
import { DatasetAssembler } from '../tables/dataset-assembler.js'
import { DatasetWriter } from '../tables/dataset-writer.js'
import { PieceTables } from '../tables/piece-tables.js'
import { pieceResult } from '../tables/piece-transfer.js'

const EVENTS_PER_PIECE = 1 << 20

export async function generateSchedDataset(dir: string, events: number, tasks = 2000, cpus = 4): Promise<void> {
  const assembler = new DatasetAssembler()
  const writer = new DatasetWriter(dir)
  await writer.open()
  let seed = 12345
  const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296)
  const running = Int32Array.from({ length: cpus }, (_, c) => c + 1)
  let tsNs = 1e12
  for (let done = 0; done < events;) {
    const piece = new PieceTables()
    const sw = piece.table('sched_switch').col
    const wk = piece.table('sched_wakeup').col
    for (let i = 0; i < EVENTS_PER_PIECE && done < events; i += 2, done += 2) {
      const cpu = Math.floor(random() * cpus)
      const next = 1 + Math.floor(random() * tasks)
      tsNs += 1000 + Math.floor(random() * 20000)
      wk.ts.push(tsNs); wk.cpu.push(cpu); wk.tid.push(running[cpu]); wk.kind.push('wakeup'); wk.comm.push(`task-${next % 50}`)
      wk.wakee_tid.push(next); wk.prio.push(120); wk.target_cpu.push(cpu); wk.stack_id.pushNull()
      tsNs += 500 + Math.floor(random() * random() * 2e6)
      sw.ts.push(tsNs); sw.cpu.push(cpu); sw.tid.push(running[cpu])
      sw.prev_comm.push(`task-${running[cpu] % 50}`); sw.prev_tid.push(running[cpu]); sw.prev_prio.push(120)
      sw.prev_state.push(random() < 0.3 ? 'R' : 'S')
      sw.next_comm.push(`task-${next % 50}`); sw.next_tid.push(next); sw.next_prio.push(120); sw.stack_id.pushNull()
      running[cpu] = next
      piece.countEvent('sched:sched_wakeup')
      piece.countEvent('sched:sched_switch')
    }
    for (const { table, batch } of assembler.add(pieceResult(piece))) await writer.write(table, batch)
  }
  await writer.close(datasetMeta('synthetic', { path: 'generated', bytes_on_disk: null, compression: null }, {}, assembler))
}
