/**
 * Table 3, 预算支出总表: all spending (including 上年结转) by function code, basic vs project.
 *
 * @module tables/table-03
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { functionRows } from "../function-tree.ts"
import { row, table } from "../row.ts"
import { byKind, spendingHeader } from "./spending-columns.ts"

/** Builds table 3. @category projections */
export const table03 = (ctx: TableContext): DisclosureTable =>
  table("3", `${ctx.year}年预算支出总表`, spendingHeader(ctx.year), [
    row(["合计", "", ...byKind(ctx.lines)], { kind: "total" }),
    ...functionRows(ctx, ctx.lines, byKind),
  ])
