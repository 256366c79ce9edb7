/**
 * The whole document as plain text: headings and paragraphs one per line, tables tab-separated
 * like the text extracted from the published PDF, charts as their data. UTF-8, "\n" line ends.
 *
 * @module txt
 */
import type { Disclosure } from "@ledger/projections"
import { outline, tableCaption, type Block } from "./outline.ts"

const tsv = (rows: ReadonlyArray<ReadonlyArray<string>>): ReadonlyArray<string> =>
  rows.map((r) =>
    r
      .map((c) => c.replace(/[\t\r\n]+/g, " "))
      .join("\t")
      .replace(/\t+$/, ""),
  )

const lines = (b: Block): ReadonlyArray<string> => {
  switch (b.kind) {
    case "cover":
      return [b.department, "", b.title]
    case "part":
    case "heading":
    case "paragraph":
      return [b.text]
    case "table":
      return [
        ...tableCaption(b.table, b.department, b.departmentLabel),
        ...tsv(b.table.header),
        ...tsv(b.table.rows.map((r) => r.cells)),
        ...b.table.notes,
      ]
    case "chart":
      return [b.chart.title, ...b.chart.series.map((p) => `${p.label}\t${p.value}`), `单位：${b.chart.unit}`]
    case "performance":
      return [b.table.title, b.table.yearLabel, ...tsv(b.grid)]
  }
}

/** Renders the document as text; the same document always gives the same string. @category rendering */
export const renderTxt = (d: Disclosure): string =>
  outline(d)
    .map((b) => lines(b).join("\n"))
    .join("\n\n") + "\n"
