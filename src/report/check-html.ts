// `check --html FILE`: one self-contained page (inline CSS and SVG, no script, nothing
// fetched): the verdict table grouped by section, then per measured distribution its
// histogram and CDF with the target and the estimate drawn, then fairness and
// fragmentation over time.
import { histogramFromJSON } from '../../analyses/stats/histogram-from-json.js'
import { histogramBuckets } from '../../analyses/stats/histogram-buckets.js'
import type { CheckOutcome, CheckResult, CriterionOutcome } from '../check/check-result.js'
import { bySection, checksOf, figureText, totalsText } from './check-figures.js'
import { formatCount, formatDurationNs } from './format-units.js'
import { cdfSvg, histogramSvg, lineSvg, type Marker } from './svg-charts.js'

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}h3{font-size:1em}
table{border-collapse:collapse;width:100%}.scroll{overflow-x:auto}td,th{border-bottom:1px solid #eee;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f6f6f6}.why{color:#555;font-size:.9em}.fig{font-family:ui-monospace,monospace;white-space:nowrap}
.status{font-weight:600;white-space:nowrap}.pass{color:#17803d}.fail{color:#c0262d}.inconclusive{color:#a15c00}.not-measured{color:#777}
.charts{display:flex;flex-wrap:wrap;gap:8px}.chart{background:#fcfcfc;border:1px solid #eee}
.bar{fill:#5b8def}.cdf{fill:none;stroke:#2456b8;stroke-width:1.5}.axis{stroke:#999}.grid{stroke:#eee}
.tick{font-size:10px;fill:#666}.target{stroke:#c0262d;stroke-width:2;stroke-dasharray:5 3}.target-label{font-size:10px;fill:#c0262d}
.point{fill:#2456b8}.band{fill:#17803d;fill-opacity:.12}.estimate{stroke:#17803d;stroke-width:1.5}.estimate-label{font-size:10px;fill:#17803d}
.warn{color:#a15c00}`

function statusCell(status: string): string {
  return `<td class="status ${status}">${esc(status)}</td>`
}

function checkRow(label: string, o: CheckOutcome): string {
  const why = [o.verdict.status === 'pass' ? '' : esc(o.verdict.reason), ...o.verdict.warnings.map((w) => `<span class="warn">warning: ${esc(w)}</span>`)]
  return `<tr>${statusCell(o.verdict.status)}<td>${label}</td><td>${esc(o.target.text)}</td><td class="fig">${esc(figureText(o))}</td>` +
    `<td class="why">${why.filter(Boolean).join('<br>')}<br><small>${esc(o.verdict.how)}</small></td></tr>`
}

function verdictTable(r: CheckResult): string {
  return bySection(r).map(([section, cs]) => `<h2>${esc(section)}</h2><div class="scroll"><table><thead><tr><th>verdict</th><th>criterion</th><th>target</th><th>measured [low estimate high]</th><th>why</th></tr></thead><tbody>` +
    cs.map((c) => {
      const name = `<a href="#${esc(c.id)}"><code>${esc(c.id)}</code></a> ${esc(c.title)}`
      return c.success ? checkRow(`${name} (target)`, c.main) + checkRow(`${name} (success: ${esc(c.success.target.title)})`, c.success) : checkRow(name, c.main)
    }).join('') + '</tbody></table></div>').join('')
}

function distributionFigure(c: CriterionOutcome, o: CheckOutcome): string {
  if (!o.distribution || o.target.kind !== 'duration') return ''
  const h = histogramFromJSON(o.distribution)
  const buckets = [...histogramBuckets(h)]
  const markers: Marker[] = [{ value: o.target.threshold, label: `target ${o.target.text}`, kind: 'target' }]
  const m = o.verdict.measured
  if (m && Number.isFinite(m.estimate)) {
    const band = m.low !== null && m.high !== null ? { low: m.low, high: m.high } : undefined
    markers.push({ value: m.estimate, label: figureText(o).split(' [')[0], kind: 'estimate', ...(band ? { band } : {}) })
  }
  const title = `${c.id}: ${o.target.title}`
  return `<section id="${esc(c.id)}"><h3><span class="${o.verdict.status}">${esc(o.verdict.status)}</span> ${esc(title)}</h3>` +
    `<p>${esc(`${formatCount(h.count)} values; ${o.verdict.how}; ${figureText(o)}; target ${o.target.text}`)}</p>` +
    `<div class="charts">${histogramSvg(buckets, markers, `${title}: histogram`)}${cdfSvg(buckets, markers, `${title}: CDF`)}</div></section>`
}

function timelines(r: CheckResult): string {
  return r.timelines.map((t) => `<h3>${esc(t.analysis)} over time</h3>` +
    (t.points.length > 0
      ? `<p>${esc(`${t.description ?? t.label}; ${t.points.length} sample${t.points.length === 1 ? '' : 's'}`)}</p><div class="charts">${lineSvg(t.points, t.label, `${t.analysis} over time`)}</div>`
      : `<p class="why">${esc(t.reason ?? '')}</p>`)).join('')
}

export function checkHtml(r: CheckResult): string {
  const inputs = r.inputs.map((i) => `<li><code>${esc(i.input)}</code>: ${esc(i.format)}, ${formatCount(i.events)} events over ` +
    `${i.start_ns !== null && i.end_ns !== null ? esc(formatDurationNs(i.end_ns - i.start_ns)) : 'no time'}, ${i.cpus} CPUs, ${formatCount(i.lost_events)} lost</li>`).join('')
  const figures = r.criteria.flatMap((c) => checksOf(c).map((o) => distributionFigure(c, o))).join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`exotrace check: ${r.spec.name}`)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body><h1>${esc(`exotrace check: ${r.spec.name}`)}</h1>
<p><strong>${esc(totalsText(r))}</strong>. Pass and fail are decided at ${r.confidence * 100}% confidence from the figure's confidence interval,
shown as [low estimate high]; spec <code>${esc(r.spec.file)}</code>.</p><ul>${inputs}</ul>
${verdictTable(r)}
<h2>Distributions</h2>${figures || '<p class="why">No criterion measured a distribution on these inputs.</p>'}
<h2>Over time</h2>${timelines(r)}
</body></html>
`
}
