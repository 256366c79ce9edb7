/**
 * The reading order of a Shanghai district disclosure: cover, then 一 部门主要职能, 二 部门机构设置,
 * 三 名词解释, 四 部门预算编制说明, 五 the nine tables, 六 其他相关情况说明, 七 项目经费情况说明 with the
 * 绩效目标申报表 — as the published documents' contents list them.
 *
 * @module templates/shanghai-district-9/outline
 */
import type { Disclosure } from "../../disclosure-schema.ts"
import type { Block } from "../types.ts"
import { shanghaiPerformanceGrid } from "./projects.ts"

const paragraphs = (text: string): ReadonlyArray<Block> =>
  text.split("\n").map((t): Block => ({ kind: "paragraph", text: t }))

/** The blocks of a disclosure in the published order. @category templates */
export const shanghaiOutline = (d: Disclosure): ReadonlyArray<Block> => {
  const dept = d.department.name
  const section = (id: string) => d.narrative.find((s) => s.id === id)
  const blocks: Array<Block> = [
    { kind: "cover", department: `预算主管部门：${dept}`, title: `${d.fiscalYear}年区级部门预算` },
    { kind: "part", text: `${dept}主要职能` },
    ...d.overview.duties.map((t, i): Block => ({ kind: "paragraph", text: `${i + 1}.${t}` })),
    { kind: "part", text: `${dept}机构设置` },
    ...paragraphs(d.overview.organization),
    { kind: "part", text: "名词解释" },
    ...d.glossary.map((g): Block => ({ kind: "paragraph", text: `（${g.id}）${g.term}：${g.definition}` })),
  ]
  for (const id of ["四"]) {
    const s = section(id)
    if (s !== undefined) blocks.push({ kind: "part", text: s.title }, ...paragraphs(s.text))
  }
  for (const table of d.tables)
    blocks.push({ kind: "table", table, department: dept, departmentLabel: "编制部门" })
  for (const id of ["六", "七"]) {
    const s = section(id)
    if (s !== undefined) blocks.push({ kind: "part", text: s.title }, ...paragraphs(s.text))
  }
  for (const table of d.performanceTargets)
    blocks.push({ kind: "performance", table, grid: shanghaiPerformanceGrid(table) })
  return blocks
}
