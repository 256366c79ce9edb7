/**
 * The whole document as one printable HTML page: A4 print stylesheet, a page break before each
 * table and each 绩效目标表, system Chinese fonts, and the two charts as inline SVG. No scripts,
 * no external resources, no timestamps: the same document gives the same bytes.
 *
 * @module html
 */
import type { Disclosure, DisclosureRow } from "@ledger/projections"
import { escapeHtml as e } from "./escape.ts"
import { outline, tableCaption, type Block } from "./outline.ts"
import { chartSvg } from "./svg-charts.ts"
import { performanceBody } from "./performance-html.ts"

const STYLE = `
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 11pt; line-height: 1.6; color: #000; max-width: 180mm; margin: 0 auto; }
h1, h2, h3, caption, th { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", sans-serif; }
.cover { text-align: center; padding-top: 60mm; break-after: page; page-break-after: always; }
.cover h1 { font-size: 22pt; }
h2.part { font-size: 15pt; text-align: center; break-before: page; page-break-before: always; }
h3 { font-size: 12pt; margin: 1em 0 0.4em; }
p { text-indent: 2em; margin: 0.3em 0; }
section.table, section.performance { break-before: page; page-break-before: always; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
caption { font-size: 13pt; font-weight: bold; padding-bottom: 0.3em; }
.meta { display: flex; justify-content: space-between; font-size: 9pt; font-weight: normal; text-align: left; }
th, td { border: 1px solid #000; padding: 1px 4px; }
td.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.note { font-size: 9pt; text-indent: 0; }
figure { margin: 1em 0; text-align: center; break-inside: avoid; }
figcaption { font-weight: bold; }
svg.chart { max-width: 100%; height: auto; }
section.performance table { table-layout: fixed; }
section.performance td { word-break: break-all; vertical-align: top; }
`.trim()

const AMOUNT = /^-?\d+\.\d{2}$/
const isAmount = (r: DisclosureRow, i: number): boolean =>
  r.cellLines !== undefined
    ? r.cellLines[i] !== null && r.cellLines[i] !== undefined
    : AMOUNT.test(r.cells[i] ?? "")

const tableHtml = (b: Extract<Block, { kind: "table" }>): string => {
  const [title = "", dept = "", unit = ""] = tableCaption(b.table, b.department, b.departmentLabel)
  const head = b.table.header.map((r) => `<tr>${r.map((c) => `<th>${e(c)}</th>`).join("")}</tr>`).join("")
  const body = b.table.rows
    .map(
      (r) =>
        `<tr>${r.cells.map((c, i) => (isAmount(r, i) ? `<td class="amount">${e(c)}</td>` : `<td>${e(c)}</td>`)).join("")}</tr>`,
    )
    .join("")
  const notes = b.table.notes.map((n) => `<p class="note">${e(n)}</p>`).join("")
  return (
    // The title first, then the 部门名称 / 单位 line under it, as the printed forms have them.
    `<section class="table" id="table-${e(b.table.id)}"><table><caption>${e(title)}` +
    `<div class="meta"><span>${e(dept)}</span><span>${e(unit)}</span></div></caption>` +
    `<thead>${head}</thead><tbody>${body}</tbody></table>${notes}</section>`
  )
}

const performanceHtml = (b: Extract<Block, { kind: "performance" }>, template: string): string => {
  // The Shanxi form has its merged A4 layout; another template's form prints its grid as is.
  const rows =
    template === "shanxi-county-13"
      ? performanceBody(b.table)
      : b.grid.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join("")}</tr>`).join("")
  return (
    `<section class="performance" id="targets-${e(b.table.projectId)}"><table>` +
    `<caption>${e(b.table.title)}<br>${e(b.table.yearLabel)}</caption><tbody>${rows}</tbody></table></section>`
  )
}

const blockHtml = (b: Block, template: string): string => {
  switch (b.kind) {
    case "cover":
      return `<div class="cover"><h1>${e(b.department)}</h1><h1>${e(b.title)}</h1></div>`
    case "part":
      return `<h2 class="part">${e(b.text)}</h2>`
    case "heading":
      return `<h3>${e(b.text)}</h3>`
    case "paragraph":
      return `<p>${e(b.text)}</p>`
    case "table":
      return tableHtml(b)
    case "chart":
      return `<figure>${chartSvg(b.chart)}<figcaption>${e(b.chart.title)}</figcaption></figure>`
    case "performance":
      return performanceHtml(b, template)
  }
}

/** Renders the document as a complete HTML page. @category rendering */
export const renderHtml = (d: Disclosure): string =>
  `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">` +
  `<meta name="budget-disclosure-hash" content="${e(d.documentHash)}">` +
  `<title>${e(d.department.name)} ${d.fiscalYear}年度部门预算公开</title><style>${STYLE}</style></head><body>\n` +
  outline(d)
    .map((b) => blockHtml(b, d.template))
    .join("\n") +
  `\n</body></html>\n`
