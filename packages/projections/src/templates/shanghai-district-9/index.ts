/**
 * `shanghai-district-9`: the Shanghai district department template (domain.md §1.3) — nine tables
 * in 元 (table 9 in 万元), 部门预算编制说明, 其他相关情况说明, 项目经费情况说明 with its 绩效目标申报表,
 * the district glossary.
 *
 * @module templates/shanghai-district-9
 */
import { glossaryFor } from "../../glossary/glossary.ts"
import type { Template } from "../types.ts"
import { budgetSection } from "./narrative-budget.ts"
import { otherSection } from "./narrative-other.ts"
import { shanghaiOverview } from "./organization.ts"
import { shanghaiOutline } from "./outline.ts"
import { projectForms, projectSection, shanghaiPerformanceGrid } from "./projects.ts"
import { SHANGHAI_TABLES } from "./tables.ts"

/** The Shanghai district template. @category templates */
export const shanghaiDistrict9: Template = {
  id: "shanghai-district-9",
  name: "上海市区级部门预算公开（9张表）",
  departmentLabel: "编制部门",
  tables: SHANGHAI_TABLES,
  parts: (state, year, taxonomy) => ({
    narrative: [
      budgetSection(state, year, taxonomy),
      otherSection(state, year),
      ...[projectSection(state, year)].filter((s) => s !== undefined),
    ],
    performanceTargets: projectForms(state, year),
    overview: shanghaiOverview(state),
    glossary: glossaryFor("shanghai-district-9"),
  }),
  performanceGrid: shanghaiPerformanceGrid,
  outline: shanghaiOutline,
}
