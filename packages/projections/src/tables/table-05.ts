/**
 * Table 5, 一般公共预算支出预算表（不含上年结转）: current-year 一般公共预算 spending by function code.
 *
 * @module tables/table-05
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { functionRows } from "../function-tree.ts"
import { select } from "../ledger.ts"
import { row, table } from "../row.ts"
import { byKind, spendingHeader } from "./spending-columns.ts"

/** Builds table 5. @category projections */
export const table05 = (ctx: TableContext): DisclosureTable => {
  const ls = select(ctx.lines, { vintage: "current", sources: ["general-budget"] })
  return table("5", `${ctx.year}年一般公共预算支出预算表（不含上年结转）`, spendingHeader(ctx.year), [
    row(["合计", "", ...byKind(ls)], { kind: "total" }),
    ...functionRows(ctx, ls, byKind),
  ])
}
