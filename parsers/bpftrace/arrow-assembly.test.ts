// The tables written from bpftrace output go through the driver's path as they are: pieces to
// PieceResult (what workers send back), joined by DatasetAssembler into Arrow record batches.
import { readFileSync } from 'node:fs'
import { expect, test } from 'vitest'
import { DatasetAssembler } from '../../tables/dataset-assembler.js'
import { pieceResult } from '../../tables/piece-transfer.js'
import { parseInPieces } from './table-rows.test-util.js'
import { REAL } from '../../test/shared-paths.js'

test('stack samples, maps and histograms assemble into Arrow batches with global frame ids', () => {
  const bytes = readFileSync(`${REAL}/bpftrace/stacks-hotspots-small.txt`)
  const assembler = new DatasetAssembler()
  const rows = new Map<string, number>()
  for (const piece of parseInPieces(bytes, 4096)) {
    for (const { table, batch } of assembler.add(pieceResult(piece))) rows.set(table, (rows.get(table) ?? 0) + batch.numRows)
  }
  expect(rows.get('sample')).toBe(193)
  // one frame row per distinct printed frame over all pieces
  const distinct = new Set(bytes.toString('utf8').split('\n').filter((l) => l.startsWith('    ')).map((l) => l.trim()))
  expect(rows.get('frame')).toBe(distinct.size)
})

test('syslat-small -f json: histogram and map_value batches', () => {
  const assembler = new DatasetAssembler()
  const rows = new Map<string, number>()
  for (const piece of parseInPieces(readFileSync(`${REAL}/bpftrace/syslat-small.json`), 512)) {
    for (const { table, batch } of assembler.add(pieceResult(piece))) rows.set(table, (rows.get(table) ?? 0) + batch.numRows)
  }
  expect([rows.get('histogram'), rows.get('map_value'), rows.get('event')]).toEqual([43, 27, 1])
})
