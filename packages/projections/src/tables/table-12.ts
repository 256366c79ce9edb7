/**
 * Table 12, 项目支出预算表（本年预算）: current-year project spending by unit and project, by source.
 *
 * @module tables/table-12
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { select, type Line } from "../ledger.ts"
import { table } from "../row.ts"
import { projectRows } from "./project-rows.ts"
import { SHANXI_SOURCE_COLUMNS } from "./source-columns.ts"

const columns = (ls: ReadonlyArray<Line>) => [
  ls,
  ...SHANXI_SOURCE_COLUMNS.map((c) => select(ls, { sources: c.sources })),
]

/** Builds table 12. @category projections */
export const table12 = (ctx: TableContext): DisclosureTable =>
  table(
    "12",
    `${ctx.year}年项目支出预算表（本年预算）`,
    [
      ["项目名称", "合计", `${ctx.year}年财政拨款`, "", "", "财政专户管理资金", "单位资金"],
      ["", "", "一般公共预算", "政府性基金预算", "国有资本经营预算", "", ""],
      ["1", "2", "3", "4", "5", "6", "7"],
    ],
    projectRows(ctx, select(ctx.lines, { vintage: "current", kind: "project" }), columns),
  )
