/**
 * `shanxi-county-13`: the Shanxi county department template (domain.md §1.2) — 13 tables in 万元,
 * sections 一 to 十二 of 情况说明, one 项目支出绩效目标表 per project, the provincial glossary.
 *
 * @module templates/shanxi-county-13
 */
import { glossaryFor } from "../../glossary/glossary.ts"
import { buildNarrative } from "../../narrative/build-narrative.ts"
import { buildOverview } from "../../overview/build-overview.ts"
import { buildPerformanceTargets } from "../../performance/build-performance-targets.ts"
import type { Template } from "../types.ts"
import { shanxiOutline } from "./outline.ts"
import { shanxiPerformanceGrid } from "./performance-grid.ts"
import { SHANXI_TABLES } from "./tables.ts"

/** The Shanxi county template. @category templates */
export const shanxiCounty13: Template = {
  id: "shanxi-county-13",
  name: "山西省县级部门预算公开（13张表）",
  departmentLabel: "部门名称",
  tables: SHANXI_TABLES,
  parts: (state, year, taxonomy) => ({
    narrative: buildNarrative({ state, year, taxonomy }),
    performanceTargets: buildPerformanceTargets({ state, year }),
    overview: buildOverview(state, taxonomy),
    glossary: glossaryFor("shanxi-county-13"),
  }),
  performanceGrid: shanxiPerformanceGrid,
  outline: shanxiOutline,
}
