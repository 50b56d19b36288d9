// A stack-keyed map entry (`@[kstack] = count()`, `@[kstack, ustack, comm]`) as one `sample`
// row weighted by its value (period = the count), its callchain in `stack`/`frame`, so the
// flamegraph fold reads bpftrace stacks as it reads perf samples. Aggregates carry no time:
// ts is 0. The stack components, in key order, print innermost frame first, and a kernel stack
// sits on the user stack that entered it, so all frames in key order are the callchain leaf first.
import type { PieceTables } from '../../tables/piece-tables.js'
import type { KeyComponent } from './map-key.js'

// `[addr ]symbol[+offset][ (dso)]`: bpftrace prints `sym+off` (offset in decimal), or `0x...`
// when it cannot symbolize; ustack(perf)/kstack(perf) add the address and the object.
const FRAME = /^(?:([0-9a-f]{6,16})\s+)?(.+?)(?:\+(0x[0-9a-f]+|\d+))?(?: \(([^()]*)\))?$/i
const HEX_ADDRESS = /^0x[0-9a-f]{1,16}$/i

function internFrame(out: PieceTables, text: string): number {
  const known = out.frameKeys.size
  const id = out.frameKeys.internString(text)
  if (id !== known) return id
  const c = out.table('frame').col
  const m = FRAME.exec(text)
  const symbol = m?.[2] ?? text
  c.id.push(id)
  if (HEX_ADDRESS.test(symbol) && m?.[3] === undefined) c.addr.pushBigInt(BigInt(symbol))
  else if (m?.[1] !== undefined) c.addr.pushBigInt(BigInt(`0x${m[1]}`))
  else c.addr.pushNull()
  c.symbol.push(symbol)
  if (m?.[3] === undefined) c.offset.pushNull()
  else c.offset.push(Number(m[3]))
  if (m?.[4] === undefined) c.dso.pushNull()
  else c.dso.push(m[4])
  c.inlined.push(0)
  return id
}

export function writeStackSample(out: PieceTables, mapName: string, components: readonly KeyComponent[], value: number): void {
  const leafFirst = components.flatMap((c) => c.frames)
  let node = -1
  for (let i = leafFirst.length - 1; i >= 0; i--) node = out.stackNodes.intern(node, internFrame(out, leafFirst[i]))
  const c = out.table('sample').col
  c.ts.push(0)
  c.cpu.pushNull()
  c.tid.pushNull()
  c.pid.pushNull()
  c.comm.push(components.filter((k) => k.frames.length === 0 && k.text !== '').map((k) => k.text).join(','))
  c.event.push(mapName)
  c.period.push(value)
  if (node < 0) c.stack_id.pushNull()
  else c.stack_id.push(node)
  out.countEvent(mapName)
}
