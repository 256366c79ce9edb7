/**
 * The reading order of a disclosure, shared by the text and HTML renderers: cover, 第一部分 概况,
 * 第二部分 the 13 tables, 第三部分 the narrative with its charts and, after section 十, the
 * 绩效目标表, then 第四部分 名词解释. Headings are the template's; everything else is the document's.
 *
 * @module outline
 */
import {
  toChineseNumeral,
  type Disclosure,
  type DisclosureTable,
  type NarrativeChart,
  type PerformanceTargetTable,
} from "@ledger/projections"

/** One block of the document in reading order. @category models */
export type Block =
  | { readonly kind: "cover"; readonly department: string; readonly title: string }
  | { readonly kind: "part"; readonly text: string }
  | { readonly kind: "heading"; readonly text: string }
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "table"; readonly table: DisclosureTable; readonly department: string }
  | { readonly kind: "chart"; readonly chart: NarrativeChart }
  | { readonly kind: "performance"; readonly table: PerformanceTargetTable }

/** The blocks of a disclosure, in the order the published document prints them. @category rendering */
export const outline = (d: Disclosure): ReadonlyArray<Block> => {
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
    ...d.tables.map((table): Block => ({ kind: "table", table, department: dept })),
    { kind: "part", text: `第三部分 ${y}年度部门预算情况说明` },
  ]
  for (const s of d.narrative) {
    blocks.push({ kind: "heading", text: `${s.id}、${s.title}` })
    for (const p of s.text.split("\n")) blocks.push({ kind: "paragraph", text: p })
    for (const chart of s.charts ?? []) blocks.push({ kind: "chart", chart })
    if (s.id === "十") for (const table of d.performanceTargets) blocks.push({ kind: "performance", table })
  }
  blocks.push({ kind: "part", text: "第四部分 名词解释" })
  for (const g of d.glossary) blocks.push({ kind: "paragraph", text: `${g.id}、${g.term}：${g.definition}` })
  return blocks
}

/** The lines above a table's header: title, department and unit. @category rendering */
export const tableCaption = (t: DisclosureTable, department: string): ReadonlyArray<string> => [
  t.title,
  `部门名称：${department}`,
  `单位：${t.unit}`,
]

/**
 * A 绩效目标表 as a grid of 8 columns, laid out like the published form (labels left, the
 * implementation period then the year side by side).
 * @category rendering
 */
export const performanceGrid = (t: PerformanceTargetTable): ReadonlyArray<ReadonlyArray<string>> => {
  const i = t.implementationFunds
  const a = t.annualFunds
  const wide = (label: string, text: string): ReadonlyArray<string> => [label, text, "", "", "", "", "", ""]
  return [
    wide("项目名称", t.projectName),
    ["主管部门及代码", t.department, "", "", "实施单位", t.unitName, "", ""],
    ["项目属性", t.life, "", "", "项目期", t.period, "", ""],
    ["项目资金(元)", "实施期资金总额:", i.total, "", "年度资金总额:", a.total, "", ""],
    ["", "其中:中央财政资金", i.central, "", "其中:中央财政资金", a.central, "", ""],
    ["", "省级财政资金", i.provincial, "", "省级财政资金", a.provincial, "", ""],
    ["", "市县(区)财政资金", i.local, "", "市县(区)财政资金", a.local, "", ""],
    ["", "单位自筹", i.selfRaised, "", "单位自筹", a.selfRaised, "", ""],
    ["", "其他资金", i.other, "", "其他资金", a.other, "", ""],
    wide("项目概况", t.overview),
    wide("立项依据", t.basis),
    wide("项目设立必要性", t.necessity),
    wide("保证项目实施的制度、措施", t.measures),
    wide("项目实施计划", t.plan),
    ["", "实施期目标", "", "", "年度目标", "", "", ""],
    ["总体目标", t.implementationGoal, "", "", t.annualGoal, "", "", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
    ...t.indicators.map((x) => [
      "",
      x.level1,
      x.level2,
      x.level3,
      x.value,
      x.annualLevel2,
      x.annualLevel3,
      x.annualValue,
    ]),
    ["负责人:", t.responsible, "经办人:", t.handler, "联系电话:", t.phone, "填报日期:", t.filledAt],
  ]
}
