/**
 * R6: table 4 is the 财政拨款 part of table 1 (income by budget, carryover, expenditure by class).
 * An empty T4 ("本表无数据") while table 1 shows 财政拨款 money is reported once, not cell by cell.
 *
 * @module r06-t4
 */
import { Money } from "@ledger/domain"
import type { Finding } from "../model/finding.ts"
import { at, rowByLabel, t4Income, table } from "../tables/views.ts"
import { cellPlace, compareAmounts, finding, type Rule } from "./context.ts"
import { type BySource, expectedT4 } from "./expected-t4.ts"

const SOURCES: ReadonlyArray<{ key: keyof BySource; label: string; col: number }> = [
  { key: "gpb", label: "一般公共预算", col: 4 },
  { key: "fund", label: "政府性基金预算", col: 5 },
  { key: "soe", label: "国有资本经营预算", col: 6 },
]

/** R6: T4 = the 财政拨款 part of T1 / the ledger. @category rules */
export const r6: Rule = (ctx) => {
  const t = table(ctx.doc, "4")
  const exp = expectedT4(ctx)
  if (t === undefined || exp === undefined) return []
  const inc = t4Income(t)
  const amountCells = t.rows.flatMap((r) => [r.cells[1], r.cells[3], r.cells[4], r.cells[5], r.cells[6]])
  const blank = amountCells.every((c) => (c ?? "").trim() === "")
  if (blank && !Money.isZero(exp.grandTotal)) {
    return [
      finding(
        "R6",
        "t4-empty",
        { table: "4" },
        `财政拨款收支总表 is empty, but 财政拨款 income totals ${exp.grandTotal} 万元 (本年 ${exp.currentTotal}, 上年结转 ${exp.carryTotal}); T4 must show it`,
        {
          expected: exp.grandTotal,
          actual: "",
        },
      ),
    ]
  }
  const out: Finding[] = []
  const c = (label: string, col: number, expected: Money.Money, actual: Money.Money, what: string) =>
    out.push(...compareAmounts("R6", "t4-vs-t1", cellPlace("4", label, col), what, expected, actual))
  if (exp.splitKnown) {
    for (const s of SOURCES) {
      c(s.label, 1, exp.current[s.key], at(inc.current.get(s.label)?.row, 1), `T4 ${s.label} income`)
      c(
        `上年财政拨款结转/${s.label}`,
        1,
        exp.carry[s.key],
        at(inc.carry.get(s.label)?.row, 1),
        `T4 上年财政拨款结转 ${s.label}`,
      )
    }
  }
  c("本年收入合计", 1, exp.currentTotal, at(inc.currentTotal?.row, 1), "T4 本年收入合计")
  c("上年财政拨款结转", 1, exp.carryTotal, at(inc.carryTotal?.row, 1), "T4 上年财政拨款结转")
  c("收入总计", 1, exp.grandTotal, at(inc.grandTotal?.row, 1), "T4 收入总计")
  t.rows.forEach((row) => {
    const raw = (row.cells[2] ?? "").trim()
    if (!/^[一二三四五六七八九十]+、/.test(raw)) return
    const name = raw.replace(/^[一二三四五六七八九十]+、/, "")
    const e = exp.classes.get(name)
    c(name, 3, e?.total ?? Money.zero, at(row, 3), `T4 ${name} 小计`)
    if (exp.splitKnown)
      for (const s of SOURCES)
        c(name, s.col, e?.[s.key] ?? Money.zero, at(row, s.col), `T4 ${name} ${s.label}`)
  })
  c("支出总计", 3, exp.grandTotal, at(rowByLabel(t, 2, "支出总计")?.row, 3), "T4 支出总计")
  return out
}
