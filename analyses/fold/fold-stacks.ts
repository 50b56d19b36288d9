// Folded stacks (`comm;root;...;leaf COUNT`), as FlameGraph's stackcollapse-perf.pl writes
// them, from per-sample records. A mergeable accumulator: workers fold their share of the
// samples and `merge` joins them in input order (the script's default event filter is the
// first event of the whole input, so the order of merging matters for that one fact).
// Stacks live in a prefix tree keyed by frame-name strings that come out of a per-frame
// cache, so a repeated frame costs three map lookups and the folded text is built once,
// in `finish`.
import { codePointOrder } from './code-point-order.js'
import { foldedFrameName, nameUsesAddr, type FrameNameOptions } from './frame-name.js'
import type { FoldFrame, FoldSample } from './sample-record.js'

export interface FoldOptions {
  /** `--pid`: process name `comm-PID` (`?` when perf printed only a thread id). */
  pid?: boolean
  /** `--tid`: process name `comm-PID/TID`. */
  tid?: boolean
  /** `--kernel`: `_[k]` after kernel frames. */
  kernel?: boolean
  /** `--jit`: `_[j]` after `/tmp/perf-PID.map` frames. */
  jit?: boolean
  /** `--all`: `--kernel` and `--jit`. */
  all?: boolean
  /** `--addrs`: `[dso <addr>]` for unknown symbols. */
  addrs?: boolean
  /** `--event-filter`: count only this event; by default, the first event seen. */
  eventFilter?: string
  /**
   * `period` (the script's behaviour): a sample weighs its period, or 1 when no period was
   * printed, it is 0, or the event was not recognized; `samples`: every sample weighs 1.
   */
  count?: 'period' | 'samples'
}

interface StackNode {
  count: number
  children: Map<string, StackNode> | null
}

/** dso key -> symbol -> offset -> name (null: the script drops the frame). */
type NameCache = Map<string, Map<string, Map<string, string | null>>>

export interface FoldAccumulator {
  readonly options: Required<Pick<FoldOptions, 'pid' | 'tid' | 'count'>> & FrameNameOptions & { eventFilter: string | null }
  /** First recognized event in input order: the default filter. */
  firstEvent: string | null
  /** Samples whose event line the script does not recognize: never filtered. */
  unfiltered: StackNode
  /** Samples by recognized event. With an explicit filter, only that event is kept. */
  byEvent: Map<string, StackNode>
  samplesByEvent: Map<string, number>
  unrecognizedFrames: number
  /** Caches, not needed by merge or finish: plain names, and names under a `java*` process. */
  names: NameCache
  javaNames: NameCache
  processNames: Map<string, string>
}

export interface FoldedStacks {
  /** Root first, `;`-separated, process name first; sorted in the script's output order. */
  stacks: string[]
  /** Weight of each stack (summed periods, or samples). */
  counts: number[]
  /** The event counted; null when no sample had a recognized event. */
  event: string | null
  /** Samples of other events, left out (the script warns once when this is not empty). */
  skippedEvents: Map<string, number>
  /** Callchain lines with no `(dso)`: the script warns "Unrecognized line" and leaves them out. */
  unrecognizedFrames: number
}

const INLINED_DSO = '\u0000inlined'
const NO_DSO = '\u0000none'

function init(options: FoldOptions = {}): FoldAccumulator {
  const all = options.all === true
  return {
    options: {
      pid: options.pid === true,
      tid: options.tid === true,
      kernel: all || options.kernel === true,
      jit: all || options.jit === true,
      addrs: options.addrs === true,
      count: options.count ?? 'period',
      eventFilter: options.eventFilter || null, // the script treats an empty filter as none
    },
    firstEvent: null,
    unfiltered: newNode(),
    byEvent: new Map(),
    samplesByEvent: new Map(),
    unrecognizedFrames: 0,
    names: new Map(),
    javaNames: new Map(),
    processNames: new Map(),
  }
}

function add(acc: FoldAccumulator, samples: Iterable<FoldSample>): FoldAccumulator {
  for (const sample of samples) addSample(acc, sample)
  return acc
}

function addSample(acc: FoldAccumulator, sample: FoldSample): void {
  const { options } = acc
  const recognized = sample.event !== null && !sample.args && !sample.untimed
  let root = acc.unfiltered
  if (recognized) {
    const event = sample.event as string
    acc.samplesByEvent.set(event, (acc.samplesByEvent.get(event) ?? 0) + 1)
    if (acc.firstEvent === null) acc.firstEvent = event
    if (options.eventFilter !== null && event !== options.eventFilter) return
    root = acc.byEvent.get(event) ?? newRoot(acc.byEvent, event)
  }
  const pname = processName(acc, sample)
  if (pname === '' || pname === '0') return // false in Perl: the script drops the sample
  const weight = options.count === 'samples' || !recognized || !sample.period ? 1 : sample.period
  const java = sample.comm.startsWith('java')
  const cache = java ? acc.javaNames : acc.names
  let node = child(root, pname)
  const frames = sample.frames
  for (let i = frames.length - 1; i >= 0; i--) {
    const name = frameName(acc, cache, frames[i], java)
    if (name !== null) node = child(node, name)
  }
  node.count += weight
}

function processName(acc: FoldAccumulator, sample: FoldSample): string {
  let comm = acc.processNames.get(sample.comm)
  if (comm === undefined) {
    comm = sample.comm.replaceAll(' ', '_')
    acc.processNames.set(sample.comm, comm)
  }
  const { pid, tid } = acc.options
  if (!pid && !tid) return comm
  // The script takes the first number as the thread id when there is no second one, or
  // when the second is 0 (false in Perl), and writes `?` for the process id.
  let pidText: string
  let tidText: string
  if (sample.pid === null) {
    pidText = '?'
    tidText = sample.tid === null ? '?' : String(sample.tid)
  } else if (!sample.tid) {
    pidText = '?'
    tidText = String(sample.pid)
  } else {
    pidText = String(sample.pid)
    tidText = String(sample.tid)
  }
  return tid ? `${comm}-${pidText}/${tidText}` : `${comm}-${pidText}`
}

function frameName(acc: FoldAccumulator, cache: NameCache, frame: FoldFrame, java: boolean): string | null {
  if (frame.dso === null && !frame.inlined) acc.unrecognizedFrames++
  const dsoKey = frame.inlined ? INLINED_DSO : frame.dso ?? NO_DSO
  let bySymbol = cache.get(dsoKey)
  if (bySymbol === undefined) cache.set(dsoKey, (bySymbol = new Map()))
  let byOffset = bySymbol.get(frame.symbol)
  if (byOffset === undefined) bySymbol.set(frame.symbol, (byOffset = new Map()))
  const offsetKey = frame.offset ?? ''
  let name = byOffset.get(offsetKey)
  if (name === undefined) {
    name = foldedFrameName(frame, java, acc.options)
    if (!nameUsesAddr(frame, acc.options)) byOffset.set(offsetKey, name)
  }
  return name
}

function newNode(): StackNode {
  return { count: 0, children: null }
}

function newRoot(roots: Map<string, StackNode>, event: string): StackNode {
  const root = newNode()
  roots.set(event, root)
  return root
}

function child(node: StackNode, name: string): StackNode {
  if (node.children === null) node.children = new Map()
  let next = node.children.get(name)
  if (next === undefined) node.children.set(name, (next = newNode()))
  return next
}

/** Joins `later` into `earlier` (samples of `later` come after those of `earlier` in the input). */
function merge(earlier: FoldAccumulator, later: FoldAccumulator): FoldAccumulator {
  if (JSON.stringify(earlier.options) !== JSON.stringify(later.options)) {
    throw new Error('fold: cannot merge accumulators made with different options')
  }
  earlier.firstEvent ??= later.firstEvent
  mergeNodes(earlier.unfiltered, later.unfiltered)
  for (const [event, root] of later.byEvent) {
    const mine = earlier.byEvent.get(event)
    if (mine === undefined) earlier.byEvent.set(event, root)
    else mergeNodes(mine, root)
  }
  for (const [event, n] of later.samplesByEvent) {
    earlier.samplesByEvent.set(event, (earlier.samplesByEvent.get(event) ?? 0) + n)
  }
  earlier.unrecognizedFrames += later.unrecognizedFrames
  return earlier
}

function mergeNodes(into: StackNode, from: StackNode): void {
  const work: StackNode[] = [into, from]
  while (work.length > 0) {
    const b = work.pop() as StackNode
    const a = work.pop() as StackNode
    a.count += b.count
    if (b.children === null) continue
    if (a.children === null) {
      a.children = b.children
      continue
    }
    for (const [name, bChild] of b.children) {
      const aChild = a.children.get(name)
      if (aChild === undefined) a.children.set(name, bChild)
      else work.push(aChild, bChild)
    }
  }
}

function finish(acc: FoldAccumulator): FoldedStacks {
  const event = acc.options.eventFilter ?? acc.firstEvent
  const keys: string[] = []
  const weights: number[] = []
  const counted = event === null ? undefined : acc.byEvent.get(event)
  for (const root of counted === undefined ? [acc.unfiltered] : [acc.unfiltered, counted]) {
    collect(root, keys, weights)
  }
  // Distinct tree paths can print alike (a `;` in a process name, an inline chain `a->b`
  // next to frames `a`, `b`): the script's hash adds those up.
  const stacks: string[] = []
  const counts: number[] = []
  for (const i of codePointOrder(keys)) {
    const last = stacks.length - 1
    if (last >= 0 && stacks[last] === keys[i]) counts[last] += weights[i]
    else {
      stacks.push(keys[i])
      counts.push(weights[i])
    }
  }
  for (let i = 0; i < counts.length; i++) {
    if (!Number.isSafeInteger(counts[i])) {
      throw new RangeError(`fold: the count of stack "${stacks[i].slice(0, 80)}" exceeds 2^53 and would lose precision`)
    }
  }
  const skippedEvents = new Map([...acc.samplesByEvent].filter(([name]) => name !== event))
  return { stacks, counts, event, skippedEvents, unrecognizedFrames: acc.unrecognizedFrames }
}

function collect(root: StackNode, keys: string[], weights: number[]): void {
  if (root.children === null) return
  const nodes: StackNode[] = []
  const paths: string[] = []
  for (const [pname, node] of root.children) {
    nodes.push(node)
    paths.push(pname)
  }
  while (nodes.length > 0) {
    const node = nodes.pop() as StackNode
    const path = paths.pop() as string
    if (node.count > 0) {
      keys.push(path)
      weights.push(node.count)
    }
    if (node.children === null) continue
    for (const [name, next] of node.children) {
      nodes.push(next)
      paths.push(`${path};${name}`)
    }
  }
}

/** The fold analysis: `init(options)`, `add(acc, samples)`, `merge(earlier, later)`, `finish(acc)`. */
export const foldStacks = { name: 'fold', init, add, merge, finish } as const
