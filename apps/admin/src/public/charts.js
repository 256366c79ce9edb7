// @ts-check
/**
 * The document's two charts (一般公共预算当年拨款结构图, 三公经费分布图) as inline SVG, drawn from the
 * chart series the disclosure JSON carries under its narrative sections. Geometry only: the printed
 * figures are the series' strings, never recomputed.
 */
import { s } from "./dom.js"

/**
 * A chart as the disclosure JSON carries it (`id` not needed to draw it).
 * @typedef {Omit<import("@ledger/projections").NarrativeChart, "id">} Chart
 */

const PALETTE = ["#3b6ea8", "#e08a2e", "#4f9d5d", "#c4463a", "#8065a8", "#8c6d4f", "#d77fb3", "#7f7f7f"]
/** The i-th series colour, repeating the palette. */
const colour = (/** @type {number} */ i) => PALETTE[i % PALETTE.length]
/** A coordinate with two decimals. */
const f = (/** @type {number} */ n) => n.toFixed(2)

/**
 * The legend: a swatch, the label, the printed value and its share of the total per point.
 * @param {Chart} chart
 * @param {number} x
 * @param {number} y0
 * @param {number} total
 */
const legend = (chart, x, y0, total) =>
  chart.series.map((p, i) => {
    const y = y0 + i * 22
    const pct = total > 0 ? ((Number(p.value) / total) * 100).toFixed(2) : "0.00"
    return s(
      "g",
      null,
      s("rect", { x, y, width: 12, height: 12, fill: colour(i) }),
      s("text", { x: x + 18, y: y + 11, "font-size": 12 }, `${p.label} ${p.value}${chart.unit}（${pct}%）`),
    )
  })

/**
 * A pie chart of the series (negative values drawn as zero).
 * @param {Chart} chart
 */
const pie = (chart) => {
  const values = chart.series.map((p) => Math.max(0, Number(p.value)))
  const total = values.reduce((a, b) => a + b, 0)
  const [cx, cy, r] = [130, 130, 110]
  let angle = -Math.PI / 2
  const slices = values.map((v, i) => {
    if (total === 0 || v === 0) return null
    if (v === total) return s("circle", { cx, cy, r, fill: colour(i) })
    const sweep = (v / total) * 2 * Math.PI
    const [x1, y1] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)]
    angle += sweep
    const [x2, y2] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle)]
    const d = `M${cx},${cy} L${f(x1)},${f(y1)} A${r},${r} 0 ${sweep > Math.PI ? 1 : 0} 1 ${f(x2)},${f(y2)} Z`
    return s("path", { d, fill: colour(i), stroke: "#fff", "stroke-width": 1 })
  })
  const height = Math.max(270, 30 + chart.series.length * 22)
  return frame(chart, 620, height, [...slices, ...legend(chart, 280, 30, total)])
}

/**
 * A bar chart of the series (negative values drawn as zero).
 * @param {Chart} chart
 */
const bar = (chart) => {
  const values = chart.series.map((p) => Math.max(0, Number(p.value)))
  const max = Math.max(0, ...values)
  const base = 230
  const width = 70
  const bars = values.map((v, i) => {
    const hgt = max === 0 ? 0 : (v / max) * 180
    const x = 50 + i * 110
    return s(
      "g",
      null,
      s("rect", { x, y: f(base - hgt), width, height: f(hgt), fill: colour(i) }),
      s(
        "text",
        { x: x + width / 2, y: f(base - hgt - 6), "font-size": 12, "text-anchor": "middle" },
        chart.series[i]?.value,
      ),
      s(
        "text",
        { x: x + width / 2, y: base + 18, "font-size": 11, "text-anchor": "middle" },
        chart.series[i]?.label,
      ),
    )
  })
  const w = Math.max(400, 60 + values.length * 110)
  return frame(chart, w, 260, [
    s("line", { x1: 40, y1: base, x2: w - 10, y2: base, stroke: "#555" }),
    ...bars,
  ])
}

/**
 * The `<svg>` around a chart's shapes, titled for screen readers.
 * @param {Chart} chart
 * @param {number} w
 * @param {number} hgt
 * @param {ReadonlyArray<SVGElement | null>} children
 */
const frame = (chart, w, hgt, children) =>
  s(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      viewBox: `0 0 ${w} ${hgt}`,
      width: w,
      height: hgt,
      role: "img",
      "aria-label": chart.title,
      class: "chart",
    },
    s("title", null, chart.title),
    ...children,
  )

/**
 * The SVG of one chart of the disclosure JSON.
 * @param {Chart} chart
 */
export const chartSvg = (chart) => (chart.kind === "pie" ? pie(chart) : bar(chart))
