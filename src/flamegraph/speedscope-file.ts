// Folded stacks in speedscope's file format (jlfwong/speedscope src/lib/file-format-spec.ts):
// one `sampled` profile whose samples are the distinct stacks, root first, as indices into
// the shared frame list, each weighted by its count.
import type { Folded } from './flame-tree.js'

export type SpeedscopeUnit = 'none' | 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds' | 'bytes'

export interface SpeedscopeFile {
  $schema: 'https://www.speedscope.app/file-format-schema.json'
  shared: { frames: { name: string }[] }
  profiles: {
    type: 'sampled'
    name: string
    unit: SpeedscopeUnit
    startValue: number
    endValue: number
    samples: number[][]
    weights: number[]
  }[]
  name: string
  activeProfileIndex: number
  exporter: string
}

export function speedscopeFile(folded: Folded, name: string, unit: SpeedscopeUnit): SpeedscopeFile {
  const frames: { name: string }[] = []
  const frameIndex = new Map<string, number>()
  const samples = folded.stacks.map((stack) => stack.split(';').map((frame) => {
    let i = frameIndex.get(frame)
    if (i === undefined) {
      i = frames.push({ name: frame }) - 1
      frameIndex.set(frame, i)
    }
    return i
  }))
  const total = folded.counts.reduce((a, b) => a + b, 0)
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    shared: { frames },
    profiles: [{ type: 'sampled', name, unit, startValue: 0, endValue: total, samples, weights: [...folded.counts] }],
    name,
    activeProfileIndex: 0,
    exporter: 'exotrace',
  }
}
