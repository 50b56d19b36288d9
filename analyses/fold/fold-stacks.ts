// Folded stacks (`comm;root;...;leaf COUNT`), as FlameGraph's stackcollapse-perf.pl writes
// them, from per-sample records. A mergeable accumulator: workers fold their share of the
// samples and `merge` joins them in input order (the script's default event filter is the
// first event of the whole input, so the order of merging matters for that one fact).
// Frames are interned to name ids through a per-frame cache, stacks to nodes of a prefix
// tree keyed by (caller node, name id), and the folded text is built once, in `finish`.
import { codePointOrder } from './code-point-order.js'
import { bareFrameName, foldedFrameName, nameUsesAddr, type FrameNameOptions } from './frame-name.js'
import { newPairIndex, pairId, type PairIndex } from './pair-index.js'
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
  /** `--inline`: frames of programs and libraries expanded into their inlined functions (addr2line). */
  inline?: boolean
  /** `--context`: with `--inline`, `file:line` after each function. */
  context?: boolean
  /** `--event-filter`: count only this event; by default, the first event seen. */
  eventFilter?: string
  /**
   * `period` (the script's behaviour): a sample weighs its period, or 1 when no period was
   * printed, it is 0, or the event was not recognized; `samples`: every sample weighs 1.
   */
  count?: 'period' | 'samples'
}

/** dso key -> symbol -> offset -> name id (-1: the script drops the frame). */
type NameCache = Map<string, Map<string, Map<string, number>>>

/** Plain data (it crosses workers by structured clone). */
export interface FoldAccumulator {
  readonly options: Required<Pick<FoldOptions, 'pid' | 'tid' | 'count'>> & FrameNameOptions & { eventFilter: string | null }
  /** First recognized event in input order: the default filter. */
  firstEvent: string | null
  /** Event of each slot; slot 0 holds the samples whose event the script does not recognize (never filtered). */
  events: string[]
  samplesByEvent: Map<string, number>
  /** Frame and process names, by id. */
  names: string[]
  nameIds: Map<string, number>
  /** Prefix tree: (caller node or -1, name id) -> node. */
  stack: PairIndex
  /** (event slot, process name id) -> group. */
  groups: PairIndex
  /** (group, leaf node or -1) -> stack, weighed in `weights`. */
  stacks: PairIndex
  weights: number[]
  unrecognizedFrames: number
}

/**
 * Caches that merge and finish do not need, held beside an accumulator rather than in it: an
 * accumulator crosses threads by structured clone, and cloning these nested maps cost as much
 * as a tenth of a worker's time.
 */
interface FrameNameCaches {
  /** names of frames, under other and `java*` processes */
  frameNames: NameCache
  javaFrameNames: NameCache
  /** symbol -> name id, for frames named as printed (no dso: ftrace, bpftrace) */
  bareFrameNames: Map<string, number>
}

const caches = new WeakMap<FoldAccumulator, FrameNameCaches>()

function cachesOf(acc: FoldAccumulator): FrameNameCaches {
  let c = caches.get(acc)
  if (c === undefined) caches.set(acc, (c = { frameNames: new Map(), javaFrameNames: new Map(), bareFrameNames: new Map() }))
  return c
}

export interface FoldedStacks {
  /** Root first, `;`-separated, process name first; sorted in the script's output order. */
  stacks: string[]
  /** Weight of each stack (summed periods, or samples). */
  counts: number[]
  /** The event counted; null when no sample had a recognized event. */
  event: string | null
  /** Samples of other events by event, left out (the script warns once when there are some). */
  skippedEvents: Record<string, number>
  /**
   * Callchain lines with no `(dso)`, which the script leaves out with an "Unrecognized line"
   * warning each (folded through a callchain tree, each tree node counts once).
   */
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
      inline: options.inline === true,
      context: options.context === true,
      count: options.count ?? 'period',
      eventFilter: options.eventFilter || null, // the script treats an empty filter as none
    },
    firstEvent: null,
    events: [''],
    samplesByEvent: new Map(),
    names: [],
    nameIds: new Map(),
    stack: newPairIndex(),
    groups: newPairIndex(),
    stacks: newPairIndex(),
    weights: [],
    unrecognizedFrames: 0,
  }
}

function add(acc: FoldAccumulator, samples: Iterable<FoldSample>): FoldAccumulator {
  for (const sample of samples) addSample(acc, sample)
  return acc
}

function addSample(acc: FoldAccumulator, sample: FoldSample): void {
  const java = isJavaComm(sample.comm)
  let node = -1
  for (let i = sample.frames.length - 1; i >= 0; i--) node = extendNode(acc, node, sample.frames[i], java)
  addFoldedSample(acc, sample, node)
}

/** The script's test for tidying JVM class names: the process name starts with `java`. */
export function isJavaComm(comm: string): boolean {
  return comm.startsWith('java')
}

/**
 * The prefix-tree node for `frame` called from `node` (-1: the outermost frame), or `node`
 * itself when the script drops the frame. Built root first; a caller holding a callchain
 * tree of its own (the `stack` table) can memoize this per (stack node, `java`), then per
 * sample only `addFoldedSample` runs.
 */
export function extendNode(acc: FoldAccumulator, node: number, frame: FoldFrame, java: boolean, bare = false): number {
  const name = bare && frame.dso === null && !frame.inlined ? bareFrameNameId(acc, frame) : frameNameId(acc, frame, java)
  return name < 0 ? node : pairId(acc.stack, node, name)
}

/** Counts one sample whose callchain folded to `node` (from `extendNode`; -1 when empty). */
export function addFoldedSample(acc: FoldAccumulator, sample: Omit<FoldSample, 'frames'>, node: number): void {
  const { options } = acc
  const recognized = sample.event !== null && !sample.args && !sample.untimed
  let slot = 0
  if (recognized) {
    const event = sample.event as string
    acc.samplesByEvent.set(event, (acc.samplesByEvent.get(event) ?? 0) + 1)
    acc.firstEvent ??= event
    if (options.eventFilter !== null && event !== options.eventFilter) return
    slot = eventSlot(acc, event)
  }
  const pname = processName(acc.options, sample)
  if (pname === '' || pname === '0') return // false in Perl: the script drops the sample
  const weight = options.count === 'samples' || !recognized || !sample.period ? 1 : sample.period
  addWeight(acc, pairId(acc.groups, slot, nameId(acc, pname)), node, weight)
}

function eventSlot(acc: FoldAccumulator, event: string): number {
  const slot = acc.events.indexOf(event, 1) // a trace has a handful of events
  if (slot > 0) return slot
  acc.events.push(event)
  return acc.events.length - 1
}

function nameId(acc: FoldAccumulator, name: string): number {
  let id = acc.nameIds.get(name)
  if (id === undefined) {
    id = acc.names.push(name) - 1
    acc.nameIds.set(name, id)
  }
  return id
}

function addWeight(acc: FoldAccumulator, group: number, node: number, weight: number): void {
  const id = pairId(acc.stacks, group, node)
  if (id === acc.weights.length) acc.weights.push(weight)
  else acc.weights[id] += weight
}

function processName(options: FoldAccumulator['options'], sample: Omit<FoldSample, 'frames'>): string {
  const comm = sample.comm.includes(' ') ? sample.comm.replaceAll(' ', '_') : sample.comm
  if (!options.pid && !options.tid) return comm
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
  return options.tid ? `${comm}-${pidText}/${tidText}` : `${comm}-${pidText}`
}

/** The name id of a frame, or -1 when the script drops it. */
function frameNameId(acc: FoldAccumulator, frame: FoldFrame, java: boolean): number {
  if (frame.dso === null && !frame.inlined) acc.unrecognizedFrames++
  const cache = java ? cachesOf(acc).javaFrameNames : cachesOf(acc).frameNames
  const dsoKey = frame.inlined ? INLINED_DSO : frame.dso ?? NO_DSO
  let bySymbol = cache.get(dsoKey)
  if (bySymbol === undefined) cache.set(dsoKey, (bySymbol = new Map()))
  let byOffset = bySymbol.get(frame.symbol)
  if (byOffset === undefined) bySymbol.set(frame.symbol, (byOffset = new Map()))
  const offsetKey = frame.offset ?? ''
  let id = byOffset.get(offsetKey)
  if (id === undefined) {
    const name = foldedFrameName(frame, java, acc.options)
    id = name === null ? -1 : nameId(acc, name)
    if (!nameUsesAddr(frame, acc.options)) byOffset.set(offsetKey, id)
  }
  return id
}

/** `bare` in extendNode: a frame with no dso (ftrace, bpftrace), named by its symbol as printed. */
function bareFrameNameId(acc: FoldAccumulator, frame: FoldFrame): number {
  const bare = cachesOf(acc).bareFrameNames
  let id = bare.get(frame.symbol)
  if (id === undefined) {
    id = nameId(acc, bareFrameName(frame))
    bare.set(frame.symbol, id)
  }
  return id
}

/**
 * The node of `to` whose folded path is that of `node` in `from` (-1 stays -1): for state that
 * holds node ids and crosses a merge, such as a stack waiting for its weight.
 */
export function transplantNode(from: FoldAccumulator, to: FoldAccumulator, node: number): number {
  const names: string[] = []
  for (let n = node; n >= 0; n = from.stack.firsts[n]) names.push(from.names[from.stack.seconds[n]])
  let out = -1
  for (let i = names.length - 1; i >= 0; i--) out = pairId(to.stack, out, nameId(to, names[i]))
  return out
}

/** Joins `later` into `earlier` (samples of `later` come after those of `earlier` in the input). */
function merge(earlier: FoldAccumulator, later: FoldAccumulator): FoldAccumulator {
  if (JSON.stringify(earlier.options) !== JSON.stringify(later.options)) {
    throw new Error('fold: cannot merge accumulators made with different options')
  }
  earlier.firstEvent ??= later.firstEvent
  for (const [event, n] of later.samplesByEvent) {
    earlier.samplesByEvent.set(event, (earlier.samplesByEvent.get(event) ?? 0) + n)
  }
  earlier.unrecognizedFrames += later.unrecognizedFrames
  const names = later.names.map((name) => nameId(earlier, name))
  const slots = later.events.map((event, slot) => (slot === 0 ? 0 : eventSlot(earlier, event)))
  // A node's caller always has a smaller id, so one pass in id order maps every node.
  const nodes = new Int32Array(later.stack.length)
  for (let i = 0; i < later.stack.length; i++) {
    const caller = later.stack.firsts[i]
    nodes[i] = pairId(earlier.stack, caller < 0 ? -1 : nodes[caller], names[later.stack.seconds[i]])
  }
  const groups = new Int32Array(later.groups.length)
  for (let i = 0; i < later.groups.length; i++) {
    groups[i] = pairId(earlier.groups, slots[later.groups.firsts[i]], names[later.groups.seconds[i]])
  }
  for (let i = 0; i < later.stacks.length; i++) {
    const leaf = later.stacks.seconds[i]
    addWeight(earlier, groups[later.stacks.firsts[i]], leaf < 0 ? -1 : nodes[leaf], later.weights[i])
  }
  return earlier
}

function finish(acc: FoldAccumulator): FoldedStacks {
  const event = acc.options.eventFilter ?? acc.firstEvent
  const counted = event === null ? -1 : acc.events.indexOf(event, 1)
  const { names, stack, groups, stacks } = acc
  const paths: string[] = new Array(stack.length)
  for (let i = 0; i < stack.length; i++) {
    const caller = stack.firsts[i]
    const name = names[stack.seconds[i]]
    paths[i] = caller < 0 ? name : `${paths[caller]};${name}`
  }
  const keys: string[] = []
  const weights: number[] = []
  for (let i = 0; i < stacks.length; i++) {
    const group = stacks.firsts[i]
    const slot = groups.firsts[group]
    if (slot !== 0 && slot !== counted) continue
    const leaf = stacks.seconds[i]
    const pname = names[groups.seconds[group]]
    keys.push(leaf < 0 ? pname : `${pname};${paths[leaf]}`)
    weights.push(acc.weights[i])
  }
  // Distinct tree paths can print alike (a `;` in a process name, an inline chain `a->b`
  // next to frames `a`, `b`; unrecognized and counted events): the script adds those up.
  const out: string[] = []
  const counts: number[] = []
  for (const i of codePointOrder(keys)) {
    const last = out.length - 1
    if (last >= 0 && out[last] === keys[i]) counts[last] += weights[i]
    else {
      out.push(keys[i])
      counts.push(weights[i])
    }
  }
  for (let i = 0; i < counts.length; i++) {
    if (!Number.isSafeInteger(counts[i])) {
      throw new RangeError(`fold: the count of stack "${out[i].slice(0, 80)}" exceeds 2^53 and would lose precision`)
    }
  }
  const skippedEvents = Object.fromEntries([...acc.samplesByEvent].filter(([name]) => name !== event))
  return { stacks: out, counts, event, skippedEvents, unrecognizedFrames: acc.unrecognizedFrames }
}

/** The fold analysis: `init(options)`, `add(acc, samples)`, `merge(earlier, later)`, `finish(acc)`. */
export const foldStacks = { name: 'fold', init, add, merge, finish } as const
