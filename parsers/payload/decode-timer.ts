// timer:* payloads, e.g.
//   hrtimer_start: hrtimer=0xffff888627c1c6f8 function=tick_nohz_handler expires=1498432000000 softexpires=1498432000000 mode=ABS|PINNED|HARD
//   hrtimer_expire_entry: hrtimer=0xffff888627d1c6f8 function=tick_nohz_handler now=1498428008091
//   timer_start: timer=0x... function=process_timeout expires=4295 [timeout=10] cpu=0 idx=0 flags=
// Pointers may be hashed (`%p`: bare hex). timer_* expiries are jiffies, not ns: left null.
import { pushOrNull, type PayloadDecoder } from './event-context.js'
import { fieldKey } from './key-value-fields.js'
import { PayloadTemplate } from './payload-template.js'

const LAYOUT: Record<string, string> = {
  hrtimer_init: 'hrtimer=%s clockid=%s mode=%s',
  hrtimer_setup: 'hrtimer=%s clockid=%s mode=%s', // hrtimer_init's name on recent kernels (seen on 6.18)
  hrtimer_start: 'hrtimer=%s function=%s expires=%d softexpires=%d mode=%s',
  hrtimer_expire_entry: 'hrtimer=%s function=%s now=%d',
  timer_expire_entry: 'timer=%s function=%s now=%d baseclk=%d',
}

const K = {
  hrtimer: fieldKey('hrtimer'), timer: fieldKey('timer'), fn: fieldKey('function'), expires: fieldKey('expires'),
  softexpires: fieldKey('softexpires'), now: fieldKey('now'), mode: fieldKey('mode'),
}

export function timerDecoder(kind: string, hr: boolean): PayloadDecoder {
  const template = new PayloadTemplate(LAYOUT[kind] ?? (hr ? 'hrtimer=%s' : 'timer=%s'))
  return (out, ctx, kv, bytes, start, end) => {
    if (!kv.read(template, bytes, start, end)) return false
    const t = kv.find(hr ? K.hrtimer : K.timer, 0)
    if (t < 0) return false
    const c = out.table('timer').col
    if (!c.timer.pushHex(bytes, kv.valueStart[t], kv.valueEnd[t])) return false
    c.ts.push(ctx.ts); pushOrNull(c.cpu, ctx.cpu); pushOrNull(c.tid, ctx.tid)
    c.kind.push(kind)
    const fn = kv.find(K.fn, 1)
    if (fn < 0) c.function.pushNull()
    else c.function.pushBytes(bytes, kv.valueStart[fn], kv.valueEnd[fn])
    const ns = (key: Uint8Array, hint: number): number => (hr ? kv.int(kv.find(key, hint)) : NaN)
    const expires = ns(K.expires, 2)
    const soft = ns(K.softexpires, 3)
    const now = kv.int(kv.find(K.now, 2))
    if (Number.isNaN(expires)) c.expires_ns.pushNull()
    else c.expires_ns.push(expires)
    if (Number.isNaN(soft)) c.softexpires_ns.pushNull()
    else c.softexpires_ns.push(soft)
    if (Number.isNaN(now) || !hr) c.now_ns.pushNull()
    else c.now_ns.push(now)
    const mode = kv.find(K.mode, 4)
    if (mode < 0) c.mode.pushNull()
    else c.mode.pushBytes(bytes, kv.valueStart[mode], kv.valueEnd[mode])
    return null
  }
}
