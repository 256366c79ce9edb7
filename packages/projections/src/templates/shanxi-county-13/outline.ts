/**
 * The reading order of a Shanxi county disclosure, shared by the text and HTML renderers: cover,
 * 第一部分 概况, 第二部分 the 13 tables, 第三部分 the narrative with its charts and, after section 十,
 * the 绩效目标表, then 第四部分 名词解释. Headings are the template's; everything else is the document's.
 *
 * @module templates/shanxi-county-13/outline
 */
import type { Disclosure } from "../../disclosure-schema.ts"
import { toChineseNumeral } from "../../narrative/chinese-numerals.ts"
import type { Block } from "../types.ts"
import { shanxiPerformanceGrid } from "./performance-grid.ts"

/** The blocks of a disclosure, in the order the published document prints them. @category templates */
export const shanxiOutline = (d: Disclosure): ReadonlyArray<Block> => {
  const dept = d.department.name
  const y = d.fiscalYear
  const blocks: Array<Block> = [
    { kind: "cover", department: dept, title: `${y}年度部门预算公开` },
    { kind: "part", text: "第一部分 概况" },
    { kind: "heading", text: "一、本部门职责" },
    ...d.overview.duties.map((t, i): Block => ({
      kind: "paragraph",
      text: `(${toChineseNumeral(i + 1)})${t}`,
    })),
    { kind: "heading", text: "二、机构设置情况" },
    { kind: "paragraph", text: d.overview.organization },
    { kind: "part", text: `第二部分 ${y}年部门预算报表` },
    ...d.tables.map((table): Block => ({
      kind: "table",
      table,
      department: dept,
      departmentLabel: "部门名称",
    })),
    { kind: "part", text: `第三部分 ${y}年度部门预算情况说明` },
  ]
  for (const s of d.narrative) {
    blocks.push({ kind: "heading", text: `${s.id}、${s.title}` })
    for (const p of s.text.split("\n")) blocks.push({ kind: "paragraph", text: p })
    for (const chart of s.charts ?? []) blocks.push({ kind: "chart", chart })
    if (s.id === "十")
      for (const table of d.performanceTargets)
        blocks.push({ kind: "performance", table, grid: shanxiPerformanceGrid(table) })
  }
  blocks.push({ kind: "part", text: "第四部分 名词解释" })
  for (const g of d.glossary) blocks.push({ kind: "paragraph", text: `${g.id}、${g.term}：${g.definition}` })
  return blocks
}
