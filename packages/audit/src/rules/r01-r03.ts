/**
 * R1–R3: table 1 balances, and table 1 agrees with table 2 (income) and table 3 (expenditure).
 *
 * @module r01-r03
 */
import { Money } from "@ledger/domain"
import type { Finding } from "../model/finding.ts"
import { at, classRows, codedRows, rowByLabel, table } from "../tables/views.ts"
import { cellPlace, compareAmounts, type Rule } from "./context.ts"

/** Income sources of T1 in order, with the matching T2 column. @category models */
const INCOME_SOURCES: ReadonlyArray<{ label: string; t2Col: number }> = [
  { label: "一般公共预算", t2Col: 3 },
  { label: "政府性基金预算", t2Col: 4 },
  { label: "国有资本经营预算", t2Col: 5 },
  { label: "财政专户管理资金", t2Col: 6 },
  { label: "单位资金", t2Col: 7 },
]

/** R1: 本年收入合计 = Σ sources; + 上年结转 = 收入总计; expenditure rows and totals add up; 收入总计 = 支出总计. @category rules */
export const r1: Rule = ({ doc }) => {
  const t = table(doc, "1")
  if (t === undefined) return []
  const out: Finding[] = []
  const inc = (label: string) => at(rowByLabel(t, 0, label)?.row, 1)
  const sources = INCOME_SOURCES.map((s) => inc(s.label))
  out.push(
    ...compareAmounts(
      "R1",
      "t1-income-sum",
      cellPlace("1", "本年收入合计", 1),
      "本年收入合计 = Σ income sources",
      Money.sum(sources),
      inc("本年收入合计"),
      sources.length,
    ),
  )
  out.push(
    ...compareAmounts(
      "R1",
      "t1-income-total",
      cellPlace("1", "收入总计", 1),
      "收入总计 = 本年收入合计 + 上年结转",
      Money.add(inc("本年收入合计"), inc("上年结转")),
      inc("收入总计"),
      2,
    ),
  )
  const classes = classRows(t, 2)
  const spend = rowByLabel(t, 2, "本年支出合计")?.row
  const carryOut = rowByLabel(t, 2, "年终结转")?.row
  const grand = rowByLabel(t, 2, "支出总计")?.row
  for (const col of [3, 4, 5]) {
    out.push(
      ...compareAmounts(
        "R1",
        "t1-expense-sum",
        cellPlace("1", "本年支出合计", col),
        "本年支出合计 = Σ class rows",
        Money.sum(classes.map((c) => at(c.row, col))),
        at(spend, col),
        classes.filter((c) => !Money.isZero(at(c.row, col))).length,
      ),
    )
    out.push(
      ...compareAmounts(
        "R1",
        "t1-expense-total",
        cellPlace("1", "支出总计", col),
        "支出总计 = 本年支出合计 + 年终结转",
        Money.add(at(spend, col), at(carryOut, col)),
        at(grand, col),
        2,
      ),
    )
  }
  for (const c of [
    ...classes,
    ...(spend ? [{ row: spend, name: "本年支出合计" }] : []),
    ...(grand ? [{ row: grand, name: "支出总计" }] : []),
  ]) {
    out.push(
      ...compareAmounts(
        "R1",
        "t1-expense-row",
        cellPlace("1", c.name, 3),
        "合计 = 当年预算安排 + 上年结转安排",
        Money.add(at(c.row, 4), at(c.row, 5)),
        at(c.row, 3),
        2,
      ),
    )
  }
  out.push(
    ...compareAmounts(
      "R1",
      "t1-balance",
      cellPlace("1", "支出总计", 3),
      "支出总计 = 收入总计",
      inc("收入总计"),
      at(grand, 3),
    ),
  )
  return out
}

/** R2: T1 本年收入合计, 上年结转 and each source equal the T2 合计 row. @category rules */
export const r2: Rule = ({ doc }) => {
  const t1 = table(doc, "1")
  const t2 = table(doc, "2")
  if (t1 === undefined || t2 === undefined) return []
  const total = codedRows(t2).total?.row
  const inc = (label: string) => at(rowByLabel(t1, 0, label)?.row, 1)
  const out: Finding[] = []
  out.push(
    ...compareAmounts(
      "R2",
      "t1-t2-income",
      cellPlace("2", "合计", 2),
      "T2 合计 = T1 本年收入合计",
      inc("本年收入合计"),
      at(total, 2),
    ),
  )
  out.push(
    ...compareAmounts(
      "R2",
      "t1-t2-carryover",
      cellPlace("2", "合计", 8),
      "T2 上年结转 = T1 上年结转",
      inc("上年结转"),
      at(total, 8),
    ),
  )
  for (const s of INCOME_SOURCES) {
    out.push(
      ...compareAmounts(
        "R2",
        "t1-t2-source",
        cellPlace("2", "合计", s.t2Col),
        `T2 ${s.label} = T1 ${s.label}`,
        inc(s.label),
        at(total, s.t2Col),
      ),
    )
  }
  return out
}

/**
 * R3: T1 支出总计 = T3 合计; each T1 class row = the T3 class row; its 当年预算安排 = T2 本年收入 and its
 * 上年结转安排 = T2 上年结转 of the class. Classes are matched by name, which is what both tables print.
 * @category rules
 */
export const r3: Rule = ({ doc }) => {
  const t1 = table(doc, "1")
  const t2 = table(doc, "2")
  const t3 = table(doc, "3")
  if (t1 === undefined || t3 === undefined) return []
  const out: Finding[] = []
  const t3rows = codedRows(t3)
  const t2rows = codedRows(t2)
  out.push(
    ...compareAmounts(
      "R3",
      "t1-t3-total",
      cellPlace("3", "合计", 2),
      "T3 合计 = T1 支出总计",
      at(rowByLabel(t1, 2, "支出总计")?.row, 3),
      at(t3rows.total?.row, 2),
    ),
  )
  const byName = (rows: typeof t3rows.rows, name: string) =>
    rows.find((r) => r.code.length === 3 && r.name === name)?.row
  for (const c of classRows(t1, 2)) {
    const r3row = byName(t3rows.rows, c.name)
    const r2row = byName(t2rows.rows, c.name)
    out.push(
      ...compareAmounts(
        "R3",
        "t1-t3-class",
        cellPlace("1", c.name, 3),
        `T1 ${c.name} = T3 class row`,
        at(r3row, 2),
        at(c.row, 3),
      ),
    )
    if (t2 !== undefined) {
      out.push(
        ...compareAmounts(
          "R3",
          "t1-t2-class",
          cellPlace("1", c.name, 4),
          `T1 ${c.name} 当年预算安排 = T2 本年收入`,
          at(r2row, 2),
          at(c.row, 4),
        ),
      )
      out.push(
        ...compareAmounts(
          "R3",
          "t1-t2-class-carryover",
          cellPlace("1", c.name, 5),
          `T1 ${c.name} 上年结转安排 = T2 上年结转`,
          at(r2row, 8),
          at(c.row, 5),
        ),
      )
    }
  }
  return out
}
