/**
 * The two charts of the published document as inline SVG: 一般公共预算当年拨款结构图 (a pie of the
 * classes) and 三公经费分布图 (bars). Coordinates are geometry, not money: they are computed in
 * floating point and written with fixed decimals, so the same data gives the same markup.
 *
 * @module svg-charts
 */
import type { NarrativeChart } from "@ledger/projections"
import { escapeHtml } from "./escape.ts"

const PALETTE = ["#3b6ea8", "#e08a2e", "#4f9d5d", "#c4463a", "#8065a8", "#8c6d4f", "#d77fb3", "#7f7f7f"]
const colour = (i: number): string => PALETTE[i % PALETTE.length] ?? "#7f7f7f"
const f = (n: number): string => n.toFixed(2)

/** The legend text of one point: label, value with unit, share of the total. */
const legendText = (chart: NarrativeChart, i: number, total: number): string => {
  const p = chart.series[i]
  const pct = total > 0 ? ((Number(p?.value ?? 0) / total) * 100).toFixed(2) : "0.00"
  return `${p?.label ?? ""} ${p?.value ?? ""}${chart.unit}（${pct}%）`
}

/** Width of a 12px text line: a CJK character is a full em, anything else about 0.6 em. */
const textWidth = (text: string): number =>
  [...text].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? 12 : 7.2), 0)

/** The width that shows the widest legend line after `x` in full (never less than `min`). */
const widthFor = (chart: NarrativeChart, x: number, total: number, min: number): number =>
  Math.ceil(
    Math.max(min, ...chart.series.map((_, i) => x + 18 + textWidth(legendText(chart, i, total)) + 10)),
  )

const legend = (chart: NarrativeChart, x: number, y0: number, total: number): string =>
  chart.series
    .map((_, i) => {
      const y = y0 + i * 22
      return (
        `<rect x="${x}" y="${y}" width="12" height="12" fill="${colour(i)}"/>` +
        `<text x="${x + 18}" y="${y + 11}" font-size="12">${escapeHtml(legendText(chart, i, total))}</text>`
      )
    })
    .join("")

const pie = (chart: NarrativeChart): string => {
  const values = chart.series.map((p) => Math.max(0, Number(p.value)))
  const total = values.reduce((a, b) => a + b, 0)
  const cx = 130
  const cy = 130
  const r = 110
  let angle = -Math.PI / 2
  const slices = values.map((v, i) => {
    if (total === 0 || v === 0) return ""
    if (v === total) return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour(i)}"/>`
    const sweep = (v / total) * 2 * Math.PI
    const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)]
    angle += sweep
    const [x2, y2] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)]
    return `<path d="M${cx},${cy} L${f(x1)},${f(y1)} A${r},${r} 0 ${sweep > Math.PI ? 1 : 0} 1 ${f(x2)},${f(y2)} Z" fill="${colour(i)}" stroke="#fff" stroke-width="1"/>`
  })
  const height = Math.max(270, 30 + chart.series.length * 22)
  return svg(chart, widthFor(chart, 280, total, 620), height, slices.join("") + legend(chart, 280, 30, total))
}

const bar = (chart: NarrativeChart): string => {
  const values = chart.series.map((p) => Math.max(0, Number(p.value)))
  const max = Math.max(0, ...values)
  const total = values.reduce((a, b) => a + b, 0)
  const base = 230
  const width = 70
  const bars = values.map((v, i) => {
    const h = max === 0 ? 0 : (v / max) * 180
    const x = 50 + i * 110
    return (
      `<rect x="${x}" y="${f(base - h)}" width="${width}" height="${f(h)}" fill="${colour(i)}"/>` +
      `<text x="${x + width / 2}" y="${f(base - h - 6)}" font-size="12" text-anchor="middle">${escapeHtml(chart.series[i]?.value ?? "")}</text>`
    )
  })
  const axisEnd = 60 + values.length * 110
  const axis = `<line x1="40" y1="${base}" x2="${axisEnd}" y2="${base}" stroke="#333"/>`
  // The legend sits right of the last bar, so bars and legend never overlap.
  const legendX = Math.max(400, axisEnd + 20)
  return svg(
    chart,
    widthFor(chart, legendX, total, 620),
    Math.max(270, 30 + chart.series.length * 22),
    axis + bars.join("") + legend(chart, legendX, 30, total),
  )
}

const svg = (chart: NarrativeChart, w: number, h: number, body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeHtml(chart.title)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">` +
  `<title>${escapeHtml(chart.title)}</title>${body}</svg>`

/** The chart as an inline SVG element. @category rendering */
export const chartSvg = (chart: NarrativeChart): string => (chart.kind === "pie" ? pie(chart) : bar(chart))
