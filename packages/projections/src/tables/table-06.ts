/**
 * Table 6, 一般公共预算安排基本支出分经济科目表（不含上年结转）: current-year 一般公共预算 basic
 * spending by 部门经济分类 类 and 款, with the government economic name of each 款 (see
 * economic-rows for the one-name-per-row rule), split into 人员经费 and 公用经费.
 *
 * @module tables/table-06
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import { nameOr, type TableContext } from "../context.ts"
import { distinct, select, type Line } from "../ledger.ts"
import { row, table } from "../row.ts"
import { dominantGovClass } from "./economic-rows.ts"

const columns = (ls: ReadonlyArray<Line>) => [
  ls,
  select(ls, { category: "personnel" }),
  select(ls, { category: "public" }),
]

/** Builds table 6. @category projections */
export const table06 = (ctx: TableContext): DisclosureTable => {
  const tx = ctx.taxonomy
  const ls = select(ctx.lines, { vintage: "current", sources: ["general-budget"], kind: "basic" })
  const econ = (l: Line) => l.line.expenditure.deptEconomicCode
  const body = distinct(ls, (l) => econ(l)?.slice(0, 3)).flatMap((cls) => {
    const mine = select(ls, { deptEconomicPrefix: cls })
    const kuan = distinct(mine, econ).map((code) => {
      const lines = select(mine, { deptEconomicPrefix: code })
      const gov = dominantGovClass(ctx, lines)
      const codes: Record<string, string> = { deptEconomic: code }
      if (gov !== undefined) codes["govEconomic"] = gov
      return row(
        [
          nameOr(tx.deptEconomicName(code), code),
          gov === undefined ? "" : nameOr(tx.govEconomicName(gov), gov),
          ...columns(lines),
        ],
        { kind: "kuan", codes },
      )
    })
    return [
      row([nameOr(tx.deptEconomicName(cls), cls), "", ...columns(mine)], {
        kind: "class",
        codes: { deptEconomic: cls },
      }),
      ...kuan,
    ]
  })
  return table(
    "6",
    `${ctx.year}年一般公共预算安排基本支出分经济科目表（不含上年结转）`,
    [
      ["部门预算支出经济科目名称", "政府预算支出经济科目名称", `${ctx.year}年预算数`, "", ""],
      ["", "", "合计", "人员经费", "公用经费"],
    ],
    [row(["合计", "", ...columns(ls)], { kind: "total" }), ...body],
  )
}
