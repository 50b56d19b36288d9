// The context switches and wakeups of a segment, in input order (by seq), as plain values:
// what every analysis that follows tasks through the scheduler reads (sched-latency, edf).
import { rowsBySeq } from './rows-by-seq.js'
import { dictColumn, int32Column, int64Column, type Segment } from './segment.js'

export interface SwitchEvent {
  tsNs: number
  cpu: number
  prevTid: number
  prevComm: string
  /** as printed: R, R+, S, D, X, Z, I...; null when the source had none */
  prevState: string | null
  nextTid: number
  nextComm: string
}

export interface WakeupEvent {
  tsNs: number
  tid: number
  comm: string
  kind: 'wakeup' | 'wakeup_new' | 'waking'
}

export interface SchedEventHandlers {
  onSwitch(e: SwitchEvent): void
  onWakeup(e: WakeupEvent): void
}


export function walkSchedEvents(s: Segment, h: SchedEventHandlers): void {
  const sw = s.tables.sched_switch
  const wk = s.tables.sched_wakeup
  const order = rowsBySeq([sw, wk])
  const swTs = sw ? int64Column(sw, 'ts') : null
  const swCpu = sw ? int32Column(sw, 'cpu') : null
  const prevTid = sw ? int32Column(sw, 'prev_tid') : null
  const nextTid = sw ? int32Column(sw, 'next_tid') : null
  const prevState = sw ? dictColumn(sw, 'prev_state') : null
  const prevComm = sw ? dictColumn(sw, 'prev_comm') : null
  const nextComm = sw ? dictColumn(sw, 'next_comm') : null
  const wkTs = wk ? int64Column(wk, 'ts') : null
  const wkTid = wk ? int32Column(wk, 'wakee_tid') : null
  const wkKind = wk ? dictColumn(wk, 'kind') : null
  const wkComm = wk ? dictColumn(wk, 'comm') : null
  // One object per kind, refilled: handlers read the values, they do not keep the object.
  const sEvent: SwitchEvent = { tsNs: 0, cpu: 0, prevTid: 0, prevComm: '', prevState: null, nextTid: 0, nextComm: '' }
  const wEvent: WakeupEvent = { tsNs: 0, tid: 0, comm: '', kind: 'wakeup' }
  for (let k = 0; k < order.table.length; k++) {
    const r = order.row[k]
    if (order.table[k] === 0) {
      sEvent.tsNs = swTs![r]
      sEvent.cpu = swCpu![r]
      sEvent.prevTid = prevTid![r]
      sEvent.prevComm = prevComm!.strings[prevComm!.ids[r]]
      sEvent.prevState = prevState!.ids[r] < 0 ? null : prevState!.strings[prevState!.ids[r]]
      sEvent.nextTid = nextTid![r]
      sEvent.nextComm = nextComm!.strings[nextComm!.ids[r]]
      h.onSwitch(sEvent)
    } else {
      wEvent.tsNs = wkTs![r]
      wEvent.tid = wkTid![r]
      wEvent.comm = wkComm!.strings[wkComm!.ids[r]]
      wEvent.kind = wkKind!.strings[wkKind!.ids[r]] as WakeupEvent['kind']
      h.onWakeup(wEvent)
    }
  }
}
