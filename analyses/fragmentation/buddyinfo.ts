// /proc/buddyinfo: per node and zone, the number of free blocks of each order
// ("Node 0, zone   Normal   4695   1532 ..."), as mm/vmstat.c's frag_show prints it.

export interface BuddyZone {
  node: number
  zone: string
  /** free blocks per order, 0..MAX_ORDER */
  freeBlocks: number[]
}

/** Throws an Error naming the line when a line is not a buddyinfo line. */
export function parseBuddyinfo(text: string): BuddyZone[] {
  const zones: BuddyZone[] = []
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue
    const m = /^Node\s+(\d+),\s+zone\s+(\S+)((?:\s+\d+)+)\s*$/.exec(line)
    if (m === null) throw new Error(`line ${i + 1}: expected "Node N, zone NAME COUNT...", got "${line.slice(0, 80)}"`)
    zones.push({ node: Number(m[1]), zone: m[2], freeBlocks: m[3].trim().split(/\s+/).map(Number) })
  }
  if (zones.length === 0) throw new Error('no "Node N, zone NAME ..." line: not a /proc/buddyinfo snapshot')
  return zones
}
