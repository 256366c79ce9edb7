/**
 * Table 1, 预算收支总表: income by funding source beside expenditure by all 30 function classes
 * (printed even when empty, with their ordinals), both including 上年结转.
 *
 * @module tables/table-01
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { select } from "../ledger.ts"
import { row, table } from "../row.ts"
import { SHANXI_SOURCE_COLUMNS } from "./source-columns.ts"

const ORDINALS = ["一", "二", "三", "四", "五"]
/** The note table 1 carries: figures are rounded cell by cell. @category models */
export const ROUNDING_NOTE = "注：本套报表因取数时四舍五入，部分金额可能存在尾差"

/** Builds table 1. @category projections */
export const table01 = (ctx: TableContext): DisclosureTable => {
  const { taxonomy: tx, lines } = ctx
  const current = select(lines, { vintage: "current" })
  const carry = select(lines, { vintage: "carryover" })
  const sources = SHANXI_SOURCE_COLUMNS.map((c, i) => ({
    s: c.key,
    sources: c.sources,
    label: `${ORDINALS[i]}、${tx.fundingSourceName(c.key)}`,
  }))
  const classes = tx.functionClasses()
  const n = Math.max(classes.length, sources.length)
  const rows = Array.from({ length: n }, (_, i) => {
    const src = sources[i]
    const cls = classes[i]
    const income = src === undefined ? ["", ""] : [src.label, select(current, { sources: src.sources })]
    const spend =
      cls === undefined
        ? ["", "", "", ""]
        : [
            `${cls.ordinal}、${cls.name}`,
            select(lines, { functionPrefix: cls.code }),
            select(current, { functionPrefix: cls.code }),
            select(carry, { functionPrefix: cls.code }),
          ]
    const codes: Record<string, string> = {}
    if (src !== undefined) codes["fundingSource"] = src.s
    if (cls !== undefined) codes["functionClass"] = cls.code
    return row([...income, ...spend], { kind: "class", codes })
  })
  return table(
    "1",
    `${ctx.year}年预算收支总表`,
    [
      ["收入", "", "支出", "", "", ""],
      ["项目", `${ctx.year}年`, "项目", `${ctx.year}年合计`, "当年预算安排", "上年结转安排"],
    ],
    [
      ...rows,
      row(["本年收入合计", current, "本年支出合计", lines, current, carry], { kind: "total" }),
      row(["上年结转", carry, "年终结转", [], [], []], { kind: "total" }),
      row(["收入总计", lines, "支出总计", lines, current, carry], { kind: "total" }),
    ],
    [ROUNDING_NOTE],
  )
}
