/**
 * Tables 7, 8 and 9: 政府性基金 income and spending, 国有资本经营 income and spending, all
 * current-year only. Most departments have none, so these usually print as the template's empty
 * table: the header, an empty 合计 row and 注：本表无数据 (added by `table` when nothing prints).
 * The ledger holds no 收入科目 of fund income, so income is shown as a 合计 only.
 *
 * @module tables/empty
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { functionRows } from "../function-tree.ts"
import { select } from "../ledger.ts"
import { row, table } from "../row.ts"
import { byKind } from "./spending-columns.ts"

/** Builds table 7, 政府性基金预算收入表. @category projections */
export const table07 = (ctx: TableContext): DisclosureTable => {
  const ls = select(ctx.lines, { vintage: "current", sources: ["government-fund"] })
  return table(
    "7",
    `${ctx.year}年政府性基金预算收入表（不含上年结转）`,
    [
      ["项目", "", "政府性基金收入预算"],
      ["收入科目编码", "科目名称", ""],
    ],
    [row(["合计", "", ls], { kind: "total" })],
  )
}

/** Builds table 8, 政府性基金预算支出表. @category projections */
export const table08 = (ctx: TableContext): DisclosureTable => {
  const ls = select(ctx.lines, { vintage: "current", sources: ["government-fund"] })
  return table(
    "8",
    `${ctx.year}年政府性基金预算支出表（不含上年结转）`,
    [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
    [row(["合计", "", ...byKind(ls)], { kind: "total" }), ...functionRows(ctx, ls, byKind)],
  )
}

/** Builds table 9, 国有资本经营预算收支预算表: income on the left, spending by function code on the right. @category projections */
export const table09 = (ctx: TableContext): DisclosureTable => {
  const ls = select(ctx.lines, { vintage: "current", sources: ["state-capital"] })
  const spending = functionRows(ctx, ls, byKind).map((r) => ({
    ...r,
    cells: ["", "", "", ...r.cells],
    ...(r.cellLines ? { cellLines: [null, null, null, ...r.cellLines] } : {}),
  }))
  return table(
    "9",
    `${ctx.year}年国有资本经营预算收支预算表（不含上年结转）`,
    [
      ["国有资本经营预算收入", "", "国有资本经营预算支出", "", "", "", "", ""],
      ["项目", "", "国有资本经营收入预算", "科目编码", "科目名称", "合计", "基本支出", "项目支出"],
      ["收入科目编码", "科目名称", "", "", "", "", "", ""],
    ],
    [row(["合计", "", ls, "", "", ...byKind(ls)], { kind: "total" }), ...spending],
  )
}
