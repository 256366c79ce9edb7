/**
 * Table 4, 财政拨款收支总表: the 财政拨款 part of table 1 (rule R6): income by the three fiscal
 * budgets, 上年财政拨款结转 by budget, and all 30 classes split by budget. It shows what the ledger
 * implies, not the empty table the reference document printed by mistake.
 *
 * @module tables/table-04
 */
import type { DisclosureTable } from "../disclosure-schema.ts"
import type { TableContext } from "../context.ts"
import { FISCAL, select } from "../ledger.ts"
import { row, table } from "../row.ts"

const ORDINALS = ["一", "二", "三"]

/** Builds table 4. @category projections */
export const table04 = (ctx: TableContext): DisclosureTable => {
  const { taxonomy: tx } = ctx
  const fiscal = select(ctx.lines, { sources: FISCAL })
  const current = select(fiscal, { vintage: "current" })
  const carry = select(fiscal, { vintage: "carryover" })
  const sources = FISCAL.map((s, i) => ({ s, label: `${ORDINALS[i]}、${tx.fundingSourceName(s)}` }))
  const split = (ls: typeof fiscal) => [ls, ...FISCAL.map((s) => select(ls, { sources: [s] }))]
  const classes = tx.functionClasses()
  const classRows = classes.map((cls, i) => {
    const src = sources[i]
    const income = src === undefined ? ["", ""] : [src.label, select(current, { sources: [src.s] })]
    const codes: Record<string, string> = { functionClass: cls.code }
    if (src !== undefined) codes["fundingSource"] = src.s
    return row(
      [...income, `${cls.ordinal}、${cls.name}`, ...split(select(fiscal, { functionPrefix: cls.code }))],
      {
        kind: "class",
        codes,
      },
    )
  })
  return table(
    "4",
    `${ctx.year}年财政拨款收支总表`,
    [
      ["收入", "", "支出", "", "", "", ""],
      ["项目", "金额", "项目", "金额", "", "", ""],
      ["", "", "", "小计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
    ],
    [
      ...classRows,
      row(["本年收入合计", current, "本年支出合计", ...split(fiscal)], { kind: "total" }),
      row(["上年财政拨款结转", carry, "年终结转", [], [], [], []], { kind: "total" }),
      ...sources.map((s) =>
        row([s.label, select(carry, { sources: [s.s] }), "", "", "", "", ""], {
          kind: "item",
          codes: { fundingSource: s.s },
        }),
      ),
      row(["收入总计", fiscal, "支出总计", ...split(fiscal)], { kind: "total" }),
    ],
  )
}
