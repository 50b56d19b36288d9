// Runs tasks on a piscina pool with a bounded number in flight and hands the results back in
// submission order: pieces of a trace must be assembled and merged in input order.
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ResourceLimits } from 'node:worker_threads'
import { Piscina } from 'piscina'

/**
 * Path of a compiled worker module. Workers run the build in dist/, also when the caller runs
 * from the TypeScript sources (tests). `depth` = folders between the caller and the project root.
 */
export function compiledModule(importMetaUrl: string, depth: number, jsPathFromRoot: string): string {
  let root = dirname(fileURLToPath(importMetaUrl))
  for (let i = 0; i < depth; i++) root = dirname(root)
  if (basename(root) === 'dist') root = dirname(root)
  return join(root, 'dist', jsPathFromRoot)
}

export interface OrderedTask<I, T> {
  info: I
  task: T
  transfer: ArrayBuffer[]
}

export interface WorkerPool {
  run(task: unknown, transfer: ArrayBuffer[]): Promise<unknown>
  destroy(): Promise<void>
}

/**
 * A pool whose workers run the default export of `workerModule` (a compiled ES module). Up to
 * `threads` workers, started as tasks wait for one: when pieces come more slowly than one
 * worker handles them, each idle worker held ~15 MB (its isolate and malloc arena).
 */
export function createPool(workerModule: string, threads: number, resourceLimits?: ResourceLimits): WorkerPool {
  const piscina = new Piscina({
    filename: compiledModule(import.meta.url, 2, 'src/pool/esm-worker.cjs'),
    minThreads: 1, maxThreads: threads, idleTimeout: 1000, resourceLimits,
  })
  const module = pathToFileURL(workerModule).href
  return {
    run: (task, transfer) => piscina.run({ module, task }, { transferList: transfer as never }),
    destroy: () => piscina.destroy(),
  }
}

export async function* runInOrder<I, T, R>(pool: WorkerPool, tasks: AsyncIterable<OrderedTask<I, T>>, inFlight: number): AsyncGenerator<[I, R]> {
  const queue: { outcome: Promise<[I, R]>; settled: boolean }[] = []
  const it = tasks[Symbol.asyncIterator]()
  let done = false
  for (;;) {
    // A finished head goes out before the next task is made: when making tasks is the slow part
    // (a trace.dat's text comes at its transcoder's pace), results would otherwise wait, each
    // several MB, while `inFlight` tasks are made.
    while (!done && queue.length < inFlight && !queue[0]?.settled) {
      const r = await it.next()
      if (r.done) { done = true; break }
      const { info, task, transfer } = r.value
      const entry = { outcome: pool.run(task, transfer).then((o): [I, R] => [info, o as R]), settled: false }
      // Awaited in order below; until then a failure must not count as unhandled.
      entry.outcome.then(() => { entry.settled = true }, () => { entry.settled = true })
      queue.push(entry)
    }
    const head = queue.shift()
    if (head === undefined) return
    yield await head.outcome
  }
}
