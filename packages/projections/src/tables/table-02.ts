/**
 * Table 2, 预算收入总表: current-year income by function code and funding source, plus 上年结转.
 *
 * @module tables/table-02
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { functionRows } from "../function-tree.ts"
import { select, type Line } from "../ledger.ts"
import { row, table } from "../row.ts"
import { SHANXI_SOURCE_COLUMNS } from "./source-columns.ts"

const columns = (ls: ReadonlyArray<Line>) => {
  const current = select(ls, { vintage: "current" })
  return [
    current,
    ...SHANXI_SOURCE_COLUMNS.map((c) => select(current, { sources: c.sources })),
    select(ls, { vintage: "carryover" }),
  ]
}

/** Builds table 2. @category projections */
export const table02 = (ctx: TableContext): DisclosureTable =>
  table(
    "2",
    `${ctx.year}年预算收入总表`,
    [
      ["项目", "", "本年收入", "", "", "", "", "", "上年结转"],
      [
        "科目编码",
        "科目名称",
        "合计",
        "一般公共预算",
        "政府性基金",
        "国有资本经营预算",
        "财政专户管理资金",
        "单位资金",
        "",
      ],
    ],
    [row(["合计", "", ...columns(ctx.lines)], { kind: "total" }), ...functionRows(ctx, ctx.lines, columns)],
  )
