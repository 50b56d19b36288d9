// Seeded random samples for the statistics tests: the same numbers on every run, so a
// failure reproduces. Shapes match what kernel latencies look like (heavy right tail).

/** Uniform [0, 1) from a 32-bit seed (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type SampleShape = 'lognormal' | 'exponential' | 'pareto' | 'outliers' | 'integerNs' | 'subNs'

/** n values of the given shape, in nanoseconds. */
export function samples(shape: SampleShape, n: number, seed = 1): Float64Array {
  const random = seededRandom(seed)
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    switch (shape) {
      case 'lognormal': // median ~3 us, sigma 1.5: spans ns to ms
        out[i] = Math.exp(8 + 1.5 * normal())
        break
      case 'exponential':
        out[i] = -50_000 * Math.log(1 - random())
        break
      case 'pareto': // alpha 1.1: a tail out to seconds
        out[i] = 1000 / (1 - random()) ** (1 / 1.1)
        break
      case 'outliers': // mostly ~10 us, 0.1 % of stalls up to 1e15 ns, a few zeros
        out[i] = random() < 0.001 ? random() * 1e15 : random() < 0.001 ? 0 : 10_000 + 500 * normal() ** 2
        break
      case 'integerNs': // what timestamp differences give
        out[i] = Math.round(Math.exp(9 + normal()))
        break
      case 'subNs': // crosses the linear region below 1 ns
        out[i] = Math.exp(2 * normal())
        break
    }
  }
  return out
}
