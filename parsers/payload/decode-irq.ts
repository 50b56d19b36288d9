// irq:* payloads: `irq=36 name=virtio1-req.0`, `irq=36 ret=handled`, `vec=7 [action=SCHED]`.
import { pushOrNull, type PayloadDecoder } from './event-context.js'
import { fieldKey } from './key-value-fields.js'
import { ascii, bytesEqual, parseDecimal } from './parse-number.js'
import { PayloadTemplate } from './payload-template.js'

const IRQ = fieldKey('irq')
const NAME = fieldKey('name')
const RET = fieldKey('ret')
const VEC = ascii('vec=')
const ACTION = ascii('[action=')

function hardIrq(kind: string, second: Uint8Array, column: 'name' | 'ret'): PayloadDecoder {
  const template = new PayloadTemplate(`irq=%d ${column}=%s`)
  return (out, ctx, kv, bytes, start, end) => {
    if (!kv.read(template, bytes, start, end)) return false
    const f = kv.find(IRQ, 0)
    const irq = f < 0 ? NaN : parseDecimal(bytes, kv.valueStart[f], kv.valueEnd[f])
    if (Number.isNaN(irq)) return false
    const s = kv.find(second, 1)
    const c = out.table('irq').col
    c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
    c.kind.push(kind); c.irq.push(irq)
    if (column === 'name' && s >= 0) c.name.pushBytes(bytes, kv.valueStart[s], kv.valueEnd[s])
    else c.name.pushNull()
    if (column === 'ret' && s >= 0) c.ret.pushBytes(bytes, kv.valueStart[s], kv.valueEnd[s])
    else c.ret.pushNull()
    return null
  }
}

function softIrq(kind: string): PayloadDecoder {
  return (out, ctx, _kv, bytes, start, end) => {
    if (!bytesEqual(bytes, start, VEC) || start + VEC.length > end) return false
    let e = start + VEC.length
    while (e < end && bytes[e] !== 0x20) e++
    const vec = parseDecimal(bytes, start + VEC.length, e)
    if (Number.isNaN(vec)) return false
    let a = e
    while (a < end && bytes[a] === 0x20) a++
    let nameStart = -1
    let nameEnd = -1
    if (bytesEqual(bytes, a, ACTION) && bytes[end - 1] === 0x5d) {
      nameStart = a + ACTION.length
      nameEnd = end - 1
    }
    const c = out.table('irq').col
    c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
    c.kind.push(kind); c.irq.push(vec)
    if (nameStart >= 0) c.name.pushBytes(bytes, nameStart, nameEnd)
    else c.name.pushNull()
    c.ret.pushNull()
    return null
  }
}

export const decodeIrqEntry = hardIrq('irq_entry', NAME, 'name')
export const decodeIrqExit = hardIrq('irq_exit', RET, 'ret')
export const decodeSoftirqRaise = softIrq('softirq_raise')
export const decodeSoftirqEntry = softIrq('softirq_entry')
export const decodeSoftirqExit = softIrq('softirq_exit')
