// Inline SVG charts for the HTML report, drawn here so the file needs no script or network:
// a histogram and a CDF over a log value axis with the target drawn as a line, and a line
// chart for figures over time.
import type { Bucket } from '../../analyses/stats/histogram-types.js'
import { formatDurationNs } from './format-units.js'

const W = 460
const H = 200
const PAD = { left: 52, right: 24, top: 12, bottom: 34 }
const plotW = W - PAD.left - PAD.right
const plotH = H - PAD.top - PAD.bottom

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const num = (x: number): string => x.toFixed(1)

export interface Marker {
  value: number
  label: string
  /** css class: target, estimate */
  kind: string
  /** a confidence interval around the value, drawn as a band where its bounds are finite */
  band?: { low: number; high: number }
}

interface LogAxis {
  x(v: number): number
  ticks: number[]
}

function logAxis(lo: number, hi: number): LogAxis {
  const a = Math.log10(Math.max(lo, 1))
  const b = Math.max(Math.log10(Math.max(hi, 1)), a + 1)
  const from = Math.floor(a)
  const to = Math.ceil(b)
  const ticks: number[] = []
  for (let e = from; e <= to; e++) ticks.push(10 ** e)
  return { x: (v) => PAD.left + ((Math.log10(Math.max(v, 1)) - from) / (to - from)) * plotW, ticks }
}

function frame(body: string, axis: LogAxis, yLabel: string, title: string, markers: Marker[]): string {
  const ticks = axis.ticks.map((t) => {
    const x = num(axis.x(t))
    return `<line class="grid" x1="${x}" x2="${x}" y1="${PAD.top}" y2="${PAD.top + plotH}"/>` +
      `<text class="tick" x="${x}" y="${H - PAD.bottom + 14}" text-anchor="middle">${esc(formatDurationNs(t))}</text>`
  }).join('')
  const bands = markers.filter((m) => m.band && Number.isFinite(m.band.low) && Number.isFinite(m.band.high) && m.band.high > 0).map((m) => {
    const x0 = axis.x(Math.max(m.band!.low, 1))
    return `<rect class="band" x="${num(x0)}" y="${PAD.top}" width="${num(Math.max(1, axis.x(m.band!.high) - x0))}" height="${plotH}">` +
      `<title>${esc(`95% interval ${formatDurationNs(m.band!.low)} – ${formatDurationNs(m.band!.high)}`)}</title></rect>`
  }).join('')
  const marks = bands + markers.filter((m) => Number.isFinite(m.value) && m.value > 0).map((m) => {
    const x = num(axis.x(m.value))
    return `<line class="${m.kind}" x1="${x}" x2="${x}" y1="${PAD.top}" y2="${PAD.top + plotH}"><title>${esc(m.label)}</title></line>` +
      `<text class="${m.kind}-label" x="${x}" y="${PAD.top + (m.kind === 'target' ? 9 : 21)}" dx="3">${esc(m.label)}</text>`
  }).join('')
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>${ticks}` +
    `<line class="axis" x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}"/>` +
    `<line class="axis" x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}"/>` +
    `<text class="tick" x="12" y="${PAD.top + plotH / 2}" transform="rotate(-90 12 ${PAD.top + plotH / 2})" text-anchor="middle">${esc(yLabel)}</text>` +
    `${body}${marks}</svg>`
}

/** Buckets regrouped into `bins` log-spaced bins: a log-linear histogram has thousands. */
export function logBins(buckets: Bucket[], bins = 48): Bucket[] {
  const finite = buckets.filter((b) => Number.isFinite(b.lo) && Number.isFinite(b.hi))
  if (finite.length === 0) return []
  const lo = Math.max(1, finite[0].lo)
  const hi = Math.max(lo * 10, finite[finite.length - 1].hi)
  const step = (Math.log10(hi) - Math.log10(lo)) / bins
  const out: Bucket[] = Array.from({ length: bins }, (_, i) => ({ lo: lo * 10 ** (i * step), hi: lo * 10 ** ((i + 1) * step), count: 0 }))
  for (const b of finite) {
    const mid = Math.sqrt(Math.max(b.lo, 1) * b.hi)
    const i = Math.min(bins - 1, Math.max(0, Math.floor((Math.log10(mid) - Math.log10(lo)) / step)))
    out[i].count += b.count
  }
  return out
}

export function histogramSvg(buckets: Bucket[], markers: Marker[], title: string): string {
  const bins = logBins(buckets)
  if (bins.length === 0) return ''
  const extent = [bins[0].lo, bins[bins.length - 1].hi, ...markers.map((m) => m.value).filter((v) => Number.isFinite(v) && v > 0)]
  const axis = logAxis(Math.min(...extent), Math.max(...extent))
  const top = Math.max(...bins.map((b) => b.count))
  const bars = bins.filter((b) => b.count > 0).map((b) => {
    const x0 = axis.x(b.lo)
    const h = (b.count / top) * plotH
    return `<rect class="bar" x="${num(x0)}" y="${num(PAD.top + plotH - h)}" width="${num(Math.max(1, axis.x(b.hi) - x0 - 0.5))}" height="${num(h)}">` +
      `<title>${esc(`[${formatDurationNs(b.lo)}, ${formatDurationNs(b.hi)}): ${b.count}`)}</title></rect>`
  }).join('')
  return frame(bars, axis, 'count', title, markers)
}

export function cdfSvg(buckets: Bucket[], markers: Marker[], title: string): string {
  const finite = buckets.filter((b) => Number.isFinite(b.lo) && Number.isFinite(b.hi))
  if (finite.length === 0) return ''
  const total = finite.reduce((n, b) => n + b.count, 0)
  const extent = [finite[0].lo, finite[finite.length - 1].hi, ...markers.map((m) => m.value).filter((v) => Number.isFinite(v) && v > 0)]
  const axis = logAxis(Math.min(...extent), Math.max(...extent))
  const y = (p: number): string => num(PAD.top + plotH - p * plotH)
  let seen = 0
  const points = [`${num(axis.x(finite[0].lo))},${y(0)}`]
  for (const b of finite) {
    seen += b.count
    points.push(`${num(axis.x(b.hi))},${y(seen / total)}`)
  }
  const grid = [0.5, 0.9, 0.99].map((p) => `<line class="grid" x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${y(p)}" y2="${y(p)}"/>` +
    `<text class="tick" x="${PAD.left - 4}" y="${y(p)}" text-anchor="end" dy="3">${p}</text>`).join('')
  return frame(`${grid}<polyline class="cdf" points="${points.join(' ')}"/>`, axis, 'fraction ≤ x', title, markers)
}

/** A figure over time: x in seconds from the first point, y as given. */
export function lineSvg(points: [number, number][], yLabel: string, title: string): string {
  if (points.length === 0) return ''
  const t0 = points[0][0]
  const tMax = Math.max(points[points.length - 1][0] - t0, 1)
  const yMax = Math.max(...points.map(([, v]) => v), 1e-9)
  const xy = points.map(([t, v]) => `${num(PAD.left + ((t - t0) / tMax) * plotW)},${num(PAD.top + plotH - (v / yMax) * plotH)}`)
  const ticks = [0, 0.5, 1].map((f) => `<text class="tick" x="${num(PAD.left + f * plotW)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${esc(formatDurationNs(f * tMax))}</text>` +
    `<text class="tick" x="${PAD.left - 4}" y="${num(PAD.top + plotH - f * plotH)}" text-anchor="end" dy="3">${Number((f * yMax).toPrecision(3))}</text>`).join('')
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${ticks}` +
    `<line class="axis" x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}"/>` +
    `<line class="axis" x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}"/>` +
    `<text class="tick" x="12" y="${PAD.top + plotH / 2}" transform="rotate(-90 12 ${PAD.top + plotH / 2})" text-anchor="middle">${esc(yLabel)}</text>` +
    `<polyline class="cdf" points="${xy.join(' ')}"/>${xy.map((p) => `<circle class="point" cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5"/>`).join('')}</svg>`
}
