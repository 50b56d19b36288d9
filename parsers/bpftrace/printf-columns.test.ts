// --columns: a list or a {name:unit} pattern; what goes to typed tables, what to event.
import { describe, expect, test } from 'vitest'
import { checkJsonlOptions } from '../jsonl/jsonl-parser.js'
import { pieceWarnings } from '../jsonl/parse-warning.js'
import { checkBpftraceOptions } from './bpftrace-parser.js'
import { parseBpftraceText } from './parse-bpftrace-text.js'
import { tableRows } from './table-rows.test-util.js'

describe('column list', () => {
  test('ts:ns,tid,comm,lat:ns: ts and tid to their columns, the rest as args named with units', () => {
    const out = parseBpftraceText('Attaching 2 probes...\n123456789 42 bash 1500\n', { columns: 'ts:ns,tid,comm,lat:ns' })
    expect(tableRows(out, 'event')[1]).toEqual({ ts: 123456789, cpu: null, tid: 42, name: 'bpftrace:printf', args: 'comm=bash lat_ns=1500', stack_id: null })
  })

  test('the last column takes the rest of the line; seconds with a fraction become exact ns', () => {
    const out = parseBpftraceText('12.000001 1 ls /etc/a b\n', { columns: 'ts:s,tid,comm,path' })
    expect(tableRows(out, 'event')).toMatchObject([{ ts: 12000001000, tid: 1, args: 'comm=ls path="/etc/a b"' }])
  })

  test('a line with too few fields is kept whole', () => {
    const out = parseBpftraceText('Tracing... Hit Ctrl-C\n', { columns: 'ts,tid,comm,lat' })
    expect(tableRows(out, 'event')).toMatchObject([{ ts: 0, tid: null, args: 'Tracing... Hit Ctrl-C' }])
  })

  test('syscall columns land in the syscall table', () => {
    const out = parseBpftraceText('100 7 exit 0 -2\n', { columns: 'ts,tid,phase,nr,ret' })
    expect(tableRows(out, 'syscall')).toEqual([{ ts: 100, cpu: null, tid: 7, phase: 'exit', nr: 0, name: null, ret: -2, args: null, stack_id: null }])
  })

  test('a value that does not fit its typed column: event and a warning', () => {
    const out = parseBpftraceText('100 7 exit zero -2\n', { columns: 'ts,tid,phase,nr,ret' })
    expect(tableRows(out, 'syscall')).toEqual([])
    expect(tableRows(out, 'event').filter((r) => r.name === 'bpftrace:printf')).toMatchObject([{ ts: 100, tid: 7, args: 'phase=exit nr=zero ret=-2' }])
    expect(pieceWarnings(out)).toEqual([{ line: 1, message: 'fields do not fit table syscall (a value of the wrong type); kept in event' }])
  })
})

describe('column pattern', () => {
  test('{name} between literal text; a comm holding / splits at the last one', () => {
    const out = parseBpftraceText('5 cpu=1 prev=kworker/0:0/18536 next=sh/9\n', { columns: '{ts} cpu={cpu} prev={prev_comm}/{prev_tid} next={next_comm}/{next_tid}' })
    expect(tableRows(out, 'sched_switch')).toEqual([{
      ts: 5, cpu: 1, tid: null, prev_comm: 'kworker/0:0', prev_tid: 18536, prev_prio: null, prev_state: null,
      next_comm: 'sh', next_tid: 9, next_prio: null, stack_id: null,
    }])
  })

  test('the table option forces a table', () => {
    const out = parseBpftraceText('5 1 sh 9\n', { columns: 'ts,cpu,comm,wakee_tid', table: 'sched_wakeup' })
    expect(tableRows(out, 'sched_wakeup')).toEqual([])
    expect(pieceWarnings(out)[0].message).toContain('sched_wakeup')
  })
})

describe('histogram unit option', () => {
  const text = '@lat:\n[1, 2)  1 |@|\n\n@size_bytes:\n[1, 2)  1 |@|\n'
  test('a name that says nothing takes the option; a name that says wins over a plain option', () => {
    const units = (unit?: string): unknown[] => tableRows(parseBpftraceText(text, { unit }), 'histogram').map((r) => r.unit)
    expect(units()).toEqual([null, 'bytes'])
    expect(units('us')).toEqual(['us', 'bytes'])
    expect(units('@lat=ms,@size_bytes=KiB')).toEqual(['ms', 'KiB'])
  })
})

describe('key=value lines without columns', () => {
  test('only name=value tokens are pairs; ts/cpu/tid/event taken; the rest kept in order as printed', () => {
    const out = parseBpftraceText('x =y 1a=2 a.b=3 ts=12 e=  tid=-1\tcpu=1 event=open v=a=b tail\n')
    expect(tableRows(out, 'event')).toEqual([{ ts: 12, cpu: 1, tid: -1, name: 'open', args: 'x =y 1a=2 a.b=3 e= v=a=b tail', stack_id: null }])
  })

  test('ts_us with a fraction; a ts too long for a double still parses', () => {
    const rows = tableRows(parseBpftraceText('ts_us=1.5 a=1\nts=12345678901234567 a=2\n'), 'event')
    expect(rows.map((r) => r.ts)).toEqual([1500, 12345678901234568])
  })
})

test('bad options are reported before any input is read', () => {
  expect(() => checkBpftraceOptions({ columns: 'ts:weeks,tid' })).toThrow(/ts unit 'weeks'/)
  expect(() => checkBpftraceOptions({ table: 'sched_swtich' })).toThrow(/table 'sched_swtich' is not one of/)
  expect(() => checkBpftraceOptions({ columns: '{ts} {cpu}', unit: 'us' })).not.toThrow()
  expect(() => checkJsonlOptions({ map: 'ts' })).toThrow(/--map entry 'ts'/)
})

test('%{name} placeholders, written over the printf format of the script', () => {
  const out = parseBpftraceText('9 cpu=1 lat=30\n', { columns: '%{ts} cpu=%{cpu} lat=%{lat:us}' })
  expect(tableRows(out, 'event')).toMatchObject([{ ts: 9, cpu: 1, args: 'lat_us=30' }])
})
