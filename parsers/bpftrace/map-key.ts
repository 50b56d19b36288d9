// A bpftrace map key as printed between `@name[` and `]`, in text or as a `-f json` key.
// Components are separated by `, ` in text and `,` in JSON; a kstack/ustack component is a
// run of indented lines (frames, innermost first), so a key such as [kstack, ustack, comm] reads
//   text  "\n    f1\n    f2\n, \n    u1\n, comm"      json  "\n    f1\n    f2\n,\n    u1\n,comm"
// An empty stack (a user-mode sample's kstack) prints nothing, leaving an empty component.

export interface KeyComponent {
  text: string
  /** frames as printed, innermost first; empty for a non-stack component */
  frames: string[]
}

export function mapKeyComponents(key: string): KeyComponent[] {
  let current: KeyComponent = { text: '', frames: [] }
  const components = [current]
  for (const line of key.split('\n')) {
    if (line.length > 0 && (line[0] === ' ' || line[0] === '\t')) {
      const frame = line.trim()
      if (frame !== '') current.frames.push(frame)
      continue
    }
    const parts = line.split(/, ?/)
    current.text += parts[0]
    for (let i = 1; i < parts.length; i++) {
      current = { text: parts[i], frames: [] }
      components.push(current)
    }
  }
  return components
}

/**
 * A key with a stack in it: frames, or an empty component among several (a sample whose
 * kstack and ustack were both empty prints `@[, , comm]`).
 */
export function isStackKey(components: readonly KeyComponent[]): boolean {
  return components.some((c) => c.frames.length > 0) || (components.length > 1 && components.some((c) => c.text === ''))
}

/**
 * The key as the `key` column holds it: components joined with `,` (as `-f json` prints them,
 * so text and JSON give the same key), a stack as its frames outermost-first joined with `;`.
 */
export function mapKeyLabel(components: readonly KeyComponent[]): string {
  return components.map((c) => (c.frames.length > 0 ? [...c.frames].reverse().join(';') : c.text)).join(',')
}
