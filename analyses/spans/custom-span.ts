// A span the user declares: `--begin SYS:EVENT --end SYS:EVENT --key FIELD,...`, over events
// kept in the generic `event` table (trace_marker writes, uprobes, any tracepoint without a
// typed table). Key fields are `cpu`, `tid`, or names from the payload's `key=value` pairs.
import type { RecordHint } from '../analysis.js'
import { dictColumn, int32Column, int64Column, utf8Column, type Segment } from '../segment.js'
import { beginSpan, endSpan } from './span-pairing.js'
import type { SpanContext } from './builtin-spans.js'

export interface CustomSpanSpec {
  begin: string
  end: string
  key: string[]
  /** payload field to group by (e.g. `name`); one group when absent */
  groupBy?: string
}

function fieldOf(args: string | null, field: string): string {
  if (args === null) return ''
  const re = new RegExp(`(?:^|[\\s,])${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=(\\S+)`)
  return re.exec(args)?.[1] ?? ''
}

export function customSpanNeeds(spec: CustomSpanSpec): RecordHint {
  return {
    events: [spec.begin, spec.end],
    record: [`perf record -a -e ${spec.begin},${spec.end} -- sleep 10`, `trace-cmd/tracefs: enable ${spec.begin} and ${spec.end}`],
  }
}

export function foldCustomSpan(s: Segment, spec: CustomSpanSpec, { pairing, stats }: SpanContext): void {
  const t = s.tables.event
  if (t === undefined) return
  const name = dictColumn(t, 'name')
  const b = name.strings.indexOf(spec.begin)
  const e = name.strings.indexOf(spec.end)
  if (b < 0 && e < 0) return
  const ts = int64Column(t, 'ts')
  const cpu = int32Column(t, 'cpu')
  const tid = int32Column(t, 'tid')
  const args = utf8Column(t, 'args')
  for (let r = 0; r < t.rows; r++) {
    const id = name.ids[r]
    if (id !== b && id !== e) continue
    const key = spec.key.map((k) => (k === 'cpu' ? String(cpu[r]) : k === 'tid' ? String(tid[r]) : fieldOf(args[r], k))).join('\t')
    const group = spec.groupBy ? fieldOf(args[r], spec.groupBy) : 'all'
    if (id === b) beginSpan(pairing, key, ts[r], group, group)
    else endSpan(pairing, stats, key, ts[r], group, group, false)
  }
}
