// A flame graph as one self-contained SVG file: frames as rectangles (root at the bottom, callers
// below callees, width = weight), a tooltip per frame, and the script of flamegraph-script.ts
// for search, click-to-zoom and the details line. No external resource: it opens offline.
import type { FlameNode } from './flame-tree.js'
import { FLAMEGRAPH_SCRIPT } from './flamegraph-script.js'
import { frameColor, diffColor } from './frame-color.js'

export interface FlamegraphSvgOptions {
  title: string
  /** a line under the title: the input, the event, the options */
  subtitle?: string
  /** what a unit of weight is: `ns`, `samples`, `cycles` ... */
  unit: string
  /** color by the change from the before profile (the tree must carry `before`) */
  diff?: boolean
  widthPx?: number
}

const FRAME_PX = 16
const PAD_TOP_PX = 50
const PAD_BOTTOM_PX = 34
const SIDE_PX = 10
// Frames narrower than this are left out: invisible, and they would make the file huge.
const MIN_WIDTH_PX = 0.1

interface Placed {
  node: FlameNode
  depth: number
  /** weight to the frame's left edge */
  offset: number
}

export function flamegraphSvg(root: FlameNode, options: FlamegraphSvgOptions): string {
  const width = options.widthPx ?? 1200
  const drawable = width - 2 * SIDE_PX
  const total = root.value
  const minValue = total * (MIN_WIDTH_PX / drawable)
  const placed = place(root, minValue)
  const maxDepth = placed.reduce((d, p) => Math.max(d, p.depth), 0)
  const height = PAD_TOP_PX + (maxDepth + 1) * FRAME_PX + PAD_BOTTOM_PX
  const maxDelta = options.diff ? placed.reduce((m, p) => Math.max(m, Math.abs(p.node.value - p.node.before)), 0) : 0
  const out: string[] = []
  out.push(`<?xml version="1.0" standalone="no"?>`,
    `<svg version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg" id="flamegraph"`,
    ` data-total="${total}" data-unit="${xml(options.unit)}" data-side="${SIDE_PX}">`,
    `<style>text{font-family:Verdana,sans-serif;font-size:12px;fill:#000}#frames g{cursor:pointer}`,
    `#frames g:hover rect{stroke:#000;stroke-width:0.5}.hidden{display:none}.parent rect{opacity:0.5}`,
    `.button{cursor:pointer;fill:#333}.button:hover{fill:#000;text-decoration:underline}</style>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#f8f8f8"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" style="font-size:17px">${xml(options.title)}</text>`)
  if (options.subtitle) out.push(`<text x="${width / 2}" y="38" text-anchor="middle" fill="#555">${xml(options.subtitle)}</text>`)
  out.push(`<text id="reset" class="button hidden" x="${SIDE_PX}" y="20">Reset Zoom</text>`,
    `<text id="search" class="button" x="${width - SIDE_PX}" y="20" text-anchor="end">Search</text>`,
    `<text id="matched" x="${width - SIDE_PX}" y="${height - 12}" text-anchor="end"></text>`,
    `<text id="details" x="${SIDE_PX}" y="${height - 12}"> </text>`,
    `<g id="frames">`)
  for (const p of placed) {
    const n = p.node
    const x = SIDE_PX + (p.offset / total) * drawable
    const w = (n.value / total) * drawable
    const y = height - PAD_BOTTOM_PX - (p.depth + 1) * FRAME_PX
    const fill = options.diff ? diffColor(n.value - n.before, maxDelta) : frameColor(n.name)
    const info = options.diff ? `${tooltip(n.name, n.value, total, options.unit)}, before ${Math.round(n.before)} (${delta(n)})` : tooltip(n.name, n.value, total, options.unit)
    out.push(`<g data-o="${p.offset}" data-v="${n.value}" data-d="${p.depth}" data-n="${xml(n.name)}"><title>${xml(info)}</title>`,
      `<rect x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${FRAME_PX - 1}" fill="${fill}" rx="2"/>`,
      `<text x="${(x + 3).toFixed(2)}" y="${y + 11.5}">${xml(fitText(n.name, w))}</text></g>`)
  }
  out.push(`</g>`, `<script type="text/ecmascript"><![CDATA[${FLAMEGRAPH_SCRIPT}]]></script>`, `</svg>`, '')
  return out.join('\n')
}

/** Every frame wide enough to draw, parents before children, with depth and left offset. */
function place(root: FlameNode, minValue: number): Placed[] {
  const placed: Placed[] = []
  const stack: Placed[] = [{ node: root, depth: 0, offset: 0 }]
  while (stack.length > 0) {
    const p = stack.pop() as Placed
    if (p.node.value <= 0 || p.node.value < minValue) continue
    placed.push(p)
    let offset = p.offset
    const children: Placed[] = []
    for (const child of p.node.children) {
      children.push({ node: child, depth: p.depth + 1, offset })
      offset += child.value
    }
    stack.push(...children.reverse())
  }
  return placed
}

function tooltip(name: string, value: number, total: number, unit: string): string {
  return `${name} (${Math.round(value).toLocaleString('en-US')} ${unit}, ${((100 * value) / total).toFixed(2)}%)`
}

function delta(n: FlameNode): string {
  const d = n.value - n.before
  const pct = n.before === 0 ? 'new' : `${d >= 0 ? '+' : ''}${((100 * d) / n.before).toFixed(2)}%`
  return pct
}

/** The name cut to the frame's width (about 7 px per character at 12 px), `..` marking the cut. */
export function fitText(name: string, widthPx: number): string {
  const chars = Math.floor((widthPx - 6) / 7)
  if (chars < 3) return ''
  return name.length <= chars ? name : `${name.slice(0, chars - 2)}..`
}

/** Text as XML character data: markup escaped, characters XML 1.0 forbids dropped. */
export function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
