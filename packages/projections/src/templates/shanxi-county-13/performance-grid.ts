/**
 * The Shanxi county 项目支出绩效目标表 as a grid of cells, for every renderer (text, HTML, XLSX).
 *
 * @module templates/shanxi-county-13/performance-grid
 */
import type { PerformanceTargetTable } from "../../performance/schema.ts"

/**
 * A 绩效目标表 as a grid of 8 columns, laid out like the published form (labels left, the
 * implementation period then the year side by side).
 * @category rendering
 */
export const shanxiPerformanceGrid = (t: PerformanceTargetTable): ReadonlyArray<ReadonlyArray<string>> => {
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
