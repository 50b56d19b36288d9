// Frame colors: warm hues that stay the same for the same name (so two graphs of one program
// compare at a glance), with kernel, JIT and inlined frames (`_[k]` `_[j]` `_[i]`, the folded
// annotations) in their own hues; in a differential graph, red for growth, blue for shrinkage.

/** A stable number in [0, 1) from a name (FNV-1a). */
function unitHash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) / 4294967296
}

export function frameColor(name: string): string {
  const a = unitHash(name, 0)
  const b = unitHash(name, 1)
  if (name.endsWith('_[k]')) return rgb(220 + 30 * a, 130 + 40 * b, 30)
  if (name.endsWith('_[j]')) return rgb(40 + 60 * a, 180 + 50 * b, 60)
  if (name.endsWith('_[i]')) return rgb(60 + 40 * a, 190 + 40 * b, 200)
  return rgb(205 + 50 * a, 60 + 170 * b, 20 + 35 * a)
}

/** Red (grew) or blue (shrank), saturated in proportion to |delta| / maxAbsDelta; white when equal. */
export function diffColor(delta: number, maxAbsDelta: number): string {
  const strength = maxAbsDelta === 0 ? 0 : Math.min(1, Math.abs(delta) / maxAbsDelta)
  const pale = 255 - 200 * strength
  return delta >= 0 ? rgb(255, pale, pale) : rgb(pale, pale, 255)
}

function rgb(r: number, g: number, b: number): string {
  return `rgb(${Math.round(r)},${Math.round(g)},${Math.round(b)})`
}
