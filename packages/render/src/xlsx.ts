/**
 * The disclosure as an XLSX workbook: one sheet per table (title, department, unit, header, rows,
 * notes in place; amounts as numbers formatted `0.00`), then 情况说明 (narrative and chart data),
 * 绩效目标表, 概况 and 名词解释. Deterministic: fixed part order, fixed ZIP timestamps.
 *
 * @module xlsx
 */
import { templateOf, type Disclosure, type DisclosureRow, type DisclosureTable } from "@ledger/projections"
import { tableCaption } from "./outline.ts"
import {
  contentTypesXml,
  rootRelsXml,
  sheetXml,
  stylesXml,
  workbookRelsXml,
  workbookXml,
  type XlsxCell,
  type XlsxSheet,
} from "./xlsx-parts.ts"
import { utf8, zip } from "./zip.ts"

const AMOUNT = /^-?\d+\.\d{2}$/
/** A 元 figure with thousands separators, as the Shanghai tables print it ("47,483,458"). */
const GROUPED = /^-?\d{1,3}(?:,\d{3})*(?:\.\d{2})?$/
const text = (v: string, bold = false): XlsxCell => (bold ? { t: "text", v, bold } : { t: "text", v })

/**
 * The number an amount cell is written as — two decimals, no separators ("47,483,458" →
 * "47483458.00", "540.73" as is) — or undefined for a text cell. A cell is an amount when its
 * lines are known (a figure without separators may also be one when the row has no line map); a
 * blank cell stays text, in 元 and 万元 tables alike.
 * @category rendering
 */
const amountOf = (r: DisclosureRow, i: number): string | undefined => {
  const v = r.cells[i] ?? ""
  const lines = r.cellLines?.[i]
  const known = lines !== null && lines !== undefined
  if (AMOUNT.test(v) && (known || r.cellLines === undefined)) return v
  if (!known || !GROUPED.test(v)) return undefined
  const plain = v.replace(/,/g, "")
  return plain.includes(".") ? plain : `${plain}.00`
}

/** Whether a row's cell i is an amount. @category rendering */
export const isAmountCell = (r: DisclosureRow, i: number): boolean => amountOf(r, i) !== undefined

/** The rows a table sheet starts with before its data: title, department, unit and header. @category rendering */
export const tableSheetPreamble = (t: DisclosureTable, department: string, label: string): number =>
  tableCaption(t, department, label).length + t.header.length

const tableSheet = (t: DisclosureTable, department: string, label: string): XlsxSheet => ({
  name: `表${t.id}`,
  rows: [
    ...tableCaption(t, department, label).map((c, i) => [text(c, i === 0)]),
    ...t.header.map((r) => r.map((c) => text(c, true))),
    ...t.rows.map((r) =>
      r.cells.map((c, i): XlsxCell => {
        const v = amountOf(r, i)
        return v === undefined ? text(c) : { t: "amount", v }
      }),
    ),
    ...t.notes.map((n) => [text(n)]),
  ],
  widths: t.header[0]?.map((_, i) => (i === 0 || (i === 1 && t.id !== "1") ? 36 : 16)) ?? [],
})

const narrativeSheet = (d: Disclosure): XlsxSheet => ({
  name: "情况说明",
  rows: [
    [text(`第三部分 ${d.fiscalYear}年度部门预算情况说明`, true)],
    ...d.narrative.flatMap((s) => [
      [text(`${s.id}、${s.title}`, true)],
      ...s.text.split("\n").map((p) => [text(p)]),
      ...(s.charts ?? []).flatMap((c) => [
        [text(c.title, true), text(`单位：${c.unit}`)],
        ...c.series.map((p): ReadonlyArray<XlsxCell> => [text(p.label), { t: "amount", v: p.value }]),
      ]),
    ]),
  ],
  widths: [120, 14],
})

const performanceSheet = (d: Disclosure): XlsxSheet => ({
  name: "绩效目标表",
  rows: d.performanceTargets.flatMap((t) => [
    [text(t.title, true)],
    [text(t.yearLabel)],
    ...templateOf(d.template)
      .performanceGrid(t)
      .map((r) => r.map((c) => text(c))),
    [],
  ]),
  widths: [22, 24, 14, 24, 20, 14, 24, 16],
})

const overviewSheet = (d: Disclosure): XlsxSheet => ({
  name: "概况",
  rows: [
    [text("一、本部门职责", true)],
    ...d.overview.duties.map((t) => [text(t)]),
    [text("二、机构设置情况", true)],
    [text(d.overview.organization)],
  ],
  widths: [120],
})

const glossarySheet = (d: Disclosure): XlsxSheet => ({
  name: "名词解释",
  rows: d.glossary.map((g) => [text(g.id), text(g.term, true), text(g.definition)]),
  widths: [6, 20, 120],
})

/** The sheets of the workbook in order. @category rendering */
export const workbookSheets = (d: Disclosure): ReadonlyArray<XlsxSheet> => [
  ...d.tables.map((t) => tableSheet(t, d.department.name, templateOf(d.template).departmentLabel)),
  narrativeSheet(d),
  performanceSheet(d),
  overviewSheet(d),
  glossarySheet(d),
]

/** Renders the workbook as XLSX bytes. @category rendering */
export const renderXlsx = (d: Disclosure): Uint8Array => {
  const sheets = workbookSheets(d)
  return zip([
    { name: "[Content_Types].xml", data: utf8(contentTypesXml(sheets.length)) },
    { name: "_rels/.rels", data: utf8(rootRelsXml()) },
    { name: "xl/workbook.xml", data: utf8(workbookXml(sheets.map((s) => s.name))) },
    { name: "xl/_rels/workbook.xml.rels", data: utf8(workbookRelsXml(sheets.length)) },
    { name: "xl/styles.xml", data: utf8(stylesXml()) },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: utf8(sheetXml(s)) })),
  ])
}
