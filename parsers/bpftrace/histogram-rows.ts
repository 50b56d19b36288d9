// Writes histogram buckets, one row each, and warns when a bucket is missing: bpftrace prints
// every bucket from the first to the last non-empty one (zeros included), so consecutive
// buckets always touch (hi of one = lo of the next); a gap means lost or edited output.
import type { PieceTables } from '../../tables/piece-tables.js'
import { noteWarning } from '../jsonl/parse-warning.js'
import type { BucketBounds } from './histogram-bucket-bounds.js'
import type { HistogramUnitOf } from './histogram-unit.js'

export class HistogramRows {
  private name = ''
  private key = ''
  private unit: string | null = null
  private previousHi = NaN

  constructor(private readonly out: PieceTables, private readonly unitOf: HistogramUnitOf) {}

  begin(name: string, key: string): void {
    this.name = name
    this.key = key
    this.unit = this.unitOf(name)
    this.previousHi = NaN
  }

  add(bounds: BucketBounds, count: number, line: number): void {
    if (!Number.isNaN(this.previousHi) && bounds.lo !== this.previousHi) {
      const what = bounds.lo > this.previousHi ? 'missing bucket' : 'overlapping bucket'
      noteWarning(this.out, line, `histogram ${this.name}${this.key === '' ? '' : `[${this.key}]`}: ${what} between ${this.previousHi} and ${bounds.lo}`)
    }
    this.previousHi = bounds.hi
    const c = this.out.table('histogram').col
    c.name.push(this.name)
    c.key.push(this.key)
    c.lo.push(bounds.lo)
    c.hi.push(bounds.hi)
    c.count.push(count)
    if (this.unit === null) c.unit.pushNull()
    else c.unit.push(this.unit)
  }
}
