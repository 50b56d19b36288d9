// Batches handed to the writer as owned are freed once written, never before: the files read
// back hold the values they were made of (kept apart here), and their buffers end detached.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeData, RecordBatch, Struct, tableFromIPC } from 'apache-arrow'
import { afterAll, describe, expect, it } from 'vitest'
import { columnToArrow, tableSchema } from './arrow-schema.js'
import { DatasetWriter } from './dataset-writer.js'
import type { ColumnData } from './piece-transfer.js'

const ROWS = 5000
const BATCHES = 120
const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

const column = (type: ColumnData['type'], values: Int32Array): ColumnData =>
  ({ type, values, offsets: null, validity: null, nullCount: 0, dictionary: null })

/** ts = 1000 * row, cpu = row % 7, count = row % 1000, seq = row, as int64 (lo, hi) pairs. */
function lostBatch(first: number): RecordBatch {
  const pairs = (f: (row: number) => number): Int32Array => {
    const out = new Int32Array(2 * ROWS)
    for (let i = 0; i < ROWS; i++) out[2 * i] = f(first + i)
    return out
  }
  const cpu = new Int32Array(ROWS).map((_, i) => (first + i) % 7)
  const schema = tableSchema('lost')
  const columns = [column('ts', pairs((r) => 1000 * r)), column('i32', cpu), column('i64', pairs((r) => r % 1000)), column('seq', pairs((r) => r))]
  const children = columns.map((c, i) => columnToArrow(schema.fields[i]!, c, ROWS, null))
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: ROWS, nullCount: 0, children }))
}

async function writeLost(owned: boolean): Promise<{ dir: string; batches: RecordBatch[] }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'exotrace-writer-')), 'ds')
  dirs.push(dir)
  const writer = new DatasetWriter(dir)
  await writer.open()
  const batches: RecordBatch[] = []
  for (let b = 0; b < BATCHES; b++) {
    const batch = lostBatch(b * ROWS)
    batches.push(batch)
    await writer.write('lost', batch, { owned })
  }
  await writer.close({})
  return { dir, batches }
}

describe('DatasetWriter with owned batches', () => {
  it('writes every row, then frees the buffers', async () => {
    const { dir, batches } = await writeLost(true)
    const table = tableFromIPC(readFileSync(join(dir, 'lost.arrow')))
    expect(table.numRows).toBe(ROWS * BATCHES)
    expect(table.batches.length).toBe(BATCHES)
    let row = 0
    let wrong = 0
    for (const b of table.batches) {
      const [ts, cpu, count, seq] = [0, 1, 2, 3].map((i) => b.getChildAt(i)!.data[0]!.values as BigInt64Array | Int32Array)
      for (let i = 0; i < b.numRows; i++, row++) {
        if (ts[i] !== BigInt(1000 * row) || cpu[i] !== row % 7 || count[i] !== BigInt(row % 1000) || seq[i] !== BigInt(row)) wrong++
      }
    }
    expect(wrong).toBe(0)
    for (const batch of batches) for (const d of batch.data.children) expect(d.values.buffer.byteLength).toBe(0)
  })

  it('leaves batches that are not owned alone', async () => {
    const { batches } = await writeLost(false)
    for (const batch of batches) for (const d of batch.data.children) expect(d.values.buffer.byteLength).toBeGreaterThan(0)
    expect(Number((batches[3]!.getChildAt(3)!.data[0]!.values as BigInt64Array)[5])).toBe(3 * ROWS + 5)
  })
})
