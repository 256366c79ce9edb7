/**
 * Table 13, 项目支出预算表（上年结转）: project money carried over from earlier years, by unit and
 * project, split by the three fiscal budgets.
 *
 * @module tables/table-13
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { FISCAL, select, type Line } from "../ledger.ts"
import { table } from "../row.ts"
import { projectRows } from "./project-rows.ts"

const columns = (ls: ReadonlyArray<Line>) => [ls, ...FISCAL.map((s) => select(ls, { sources: [s] }))]

/** Builds table 13. @category projections */
export const table13 = (ctx: TableContext): DisclosureTable =>
  table(
    "13",
    `${ctx.year}年项目支出预算表（上年结转）`,
    [
      ["项目名称", "合计", `${ctx.year}年财政拨款`, "", ""],
      ["", "", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
      ["1", "2", "3", "4", "5"],
    ],
    projectRows(ctx, select(ctx.lines, { vintage: "carryover", kind: "project" }), columns),
  )
