// Folded stacks as one tree, root `all`: what every flame graph view draws. Children are kept
// in name order (flamegraph.pl's order, so equal inputs draw alike); a frame's value is the
// weight of all stacks through it. With a `before` profile each node also carries that
// profile's weight, scaled to the same total, for a differential graph.

export interface FlameNode {
  name: string
  /** weight of the stacks through this frame */
  value: number
  /** the before profile's weight here, scaled to `value`'s total (diff graphs only) */
  before: number
  children: FlameNode[]
}

export interface Folded {
  stacks: readonly string[]
  counts: readonly number[]
}

export function flameTree(after: Folded, before?: Folded): FlameNode {
  const root: FlameNode = { name: 'all', value: 0, before: 0, children: [] }
  const index = new Map<FlameNode, Map<string, FlameNode>>()
  const add = (folded: Folded, key: 'value' | 'before', scale: number): void => {
    for (let i = 0; i < folded.stacks.length; i++) {
      const weight = folded.counts[i] * scale
      let node = root
      node[key] += weight
      for (const name of folded.stacks[i].split(';')) {
        let byName = index.get(node)
        if (byName === undefined) index.set(node, (byName = new Map()))
        let child = byName.get(name)
        if (child === undefined) {
          child = { name, value: 0, before: 0, children: [] }
          byName.set(name, child)
          node.children.push(child)
        }
        child[key] += weight
        node = child
      }
    }
  }
  add(after, 'value', 1)
  if (before !== undefined) {
    const total = (f: Folded): number => f.counts.reduce((a, b) => a + b, 0)
    const beforeTotal = total(before)
    add(before, 'before', beforeTotal === 0 ? 0 : total(after) / beforeTotal)
  }
  sortChildren(root)
  return root
}

function sortChildren(node: FlameNode): void {
  const stack = [node]
  while (stack.length > 0) {
    const n = stack.pop() as FlameNode
    n.children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    stack.push(...n.children)
  }
}
