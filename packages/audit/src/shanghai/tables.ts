/**
 * The Shanghai district layout's cross-table identities (domain.md §1.3): T1 adds up and balances;
 * T1 = T2 = T3 totals; every 类 = Σ 款 = Σ 项 and 合计 = 基本 + 项目; T4 = the 财政拨款 of T1;
 * T5 / T6 / T7 = the budget columns of T4, and T5 within T3; T8 basic = T5 basic, 人员 and 公用 as
 * the lines' flags say (never assumed from the economic code). Amounts are 元: equal means equal.
 *
 * @module shanghai/tables
 */
import { type BudgetState, Money } from "@ledger/domain"
import type { AuditDocument, Row, Table } from "../model/document.ts"
import type { Finding } from "../model/finding.ts"
import { compareAmounts, type Rule } from "../rules/context.ts"
import { currentLines, yuanOf } from "../util/ledger.ts"
import { bare, byLabel, cell, childrenOf, coded, place } from "./views.ts"

const INCOME_CLASSES = ["财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"] as const
const BUDGETS = ["一般公共预算", "政府性基金预算", "国有资本经营预算"] as const

const t = (doc: AuditDocument, id: string): Table | undefined => doc.tables.get(id)

/** T1 收入总计 and 支出总计 (the row labelled 收入总计 carries both). */
const t1Totals = (doc: AuditDocument) => {
  const total = byLabel(t(doc, "1"), 0, "收入总计")
  return { income: cell(total, 1), expenditure: cell(total, 3), row: total }
}

/** R1: T1 收入总计 = Σ income classes, 财政拨款收入 = Σ three budgets, 支出总计 = Σ classes = 收入总计. */
export const shR1: Rule = ({ doc }) => {
  const t1 = t(doc, "1")
  if (t1 === undefined) return []
  const { income, expenditure } = t1Totals(doc)
  const classes = t1.rows.filter((r) => !["支出总计", ""].includes(bare(r.cells[2])))
  return [
    ...compareAmounts(
      "R1",
      "sh-t1-income",
      place("1", "收入总计", 1),
      "收入总计 = Σ income classes",
      Money.sum(INCOME_CLASSES.map((c) => cell(byLabel(t1, 0, c), 1))),
      income,
    ),
    ...compareAmounts(
      "R1",
      "sh-t1-fiscal",
      place("1", "财政拨款收入", 1),
      "财政拨款收入 = Σ three budgets",
      Money.sum(BUDGETS.map((b) => cell(byLabel(t1, 0, b), 1))),
      cell(byLabel(t1, 0, "财政拨款收入"), 1),
    ),
    ...compareAmounts(
      "R1",
      "sh-t1-expenditure",
      place("1", "支出总计", 3),
      "支出总计 = Σ expenditure classes",
      Money.sum(classes.map((r) => cell(r, 3))),
      expenditure,
    ),
    ...compareAmounts(
      "R1",
      "sh-t1-balance",
      place("1", "支出总计", 3),
      "支出总计 = 收入总计",
      income,
      expenditure,
    ),
  ]
}

/** R2: T2 合计 = T1 收入总计. */
export const shR2: Rule = ({ doc }) => {
  const total = coded(t(doc, "2"), 3).total
  if (t(doc, "1") === undefined || total === undefined) return []
  return compareAmounts(
    "R2",
    "sh-t2-total",
    place("2", "合计", 4),
    "T2 合计 = T1 收入总计",
    t1Totals(doc).income,
    cell(total, 4),
  )
}

/** R3: T3 合计 = T1 支出总计; each T1 expenditure class = its T3 类 row. */
export const shR3: Rule = ({ doc }) => {
  const t1 = t(doc, "1")
  if (t1 === undefined) return []
  const out: Finding[] = []
  const t3 = coded(t(doc, "3"), 3)
  if (t3.total !== undefined)
    out.push(
      ...compareAmounts(
        "R3",
        "sh-t3-total",
        place("3", "合计", 4),
        "T3 合计 = T1 支出总计",
        t1Totals(doc).expenditure,
        cell(t3.total, 4),
      ),
    )
  for (const c of t3.rows.filter((r) => r.level === 1)) {
    const row = t1.rows.find((r) => bare(r.cells[2]) === c.name)
    out.push(
      ...compareAmounts(
        "R3",
        "sh-t1-class",
        place("1", c.name, 3),
        `T1 ${c.name} = T3 ${c.code}`,
        cell(c.row, 4),
        cell(row, 3),
      ),
    )
  }
  return out
}

/** Every 类 = Σ 款, 款 = Σ 项 and 合计 = Σ 类 in the given amount columns of a coded table. */
const hierarchy = (
  id: string,
  table: Table | undefined,
  levels: number,
  cols: ReadonlyArray<number>,
): Finding[] => {
  const { rows, total } = coded(table, levels)
  const out: Finding[] = []
  for (const col of cols) {
    for (const parent of rows) {
      const kids = childrenOf(rows, parent)
      if (kids.length === 0) continue
      out.push(
        ...compareAmounts(
          "R4",
          "sh-hierarchy",
          place(id, parent.code, col),
          `${parent.code} = Σ its sub-codes`,
          Money.sum(kids.map((k) => cell(k.row, col))),
          cell(parent.row, col),
        ),
      )
    }
    if (total !== undefined && rows.length > 0)
      out.push(
        ...compareAmounts(
          "R4",
          "sh-total",
          place(id, "合计", col),
          "合计 = Σ 类",
          Money.sum(rows.filter((r) => r.level === 1).map((r) => cell(r.row, col))),
          cell(total, col),
        ),
      )
  }
  return out
}

/** `合计` column = Σ the given columns, on every coded row and the total. */
const rowSums = (
  id: string,
  table: Table | undefined,
  levels: number,
  totalCol: number,
  parts: ReadonlyArray<number>,
): Finding[] => {
  const { rows, total } = coded(table, levels)
  const all: Array<[string, Row]> = rows.map((r) => [r.code, r.row])
  if (total !== undefined) all.push(["合计", total])
  return all.flatMap(([label, row]) =>
    compareAmounts(
      "R4",
      "sh-row-sum",
      place(id, label, totalCol),
      `${label}: 合计 = Σ its columns`,
      Money.sum(parts.map((c) => cell(row, c))),
      cell(row, totalCol),
    ),
  )
}

/** R4: 类 = Σ 款 = Σ 项 and 合计 = Σ columns in T2, T3, T5–T8. */
export const shR4: Rule = ({ doc }) => [
  ...hierarchy("2", t(doc, "2"), 3, [4, 5, 6, 7, 8]),
  ...rowSums("2", t(doc, "2"), 3, 4, [5, 6, 7, 8]),
  ...["3", "5", "6", "7"].flatMap((id) => [
    ...hierarchy(id, t(doc, id), 3, [4, 5, 6]),
    ...rowSums(id, t(doc, id), 3, 4, [5, 6]),
  ]),
  ...hierarchy("8", t(doc, "8"), 2, [3, 4, 5]),
  ...rowSums("8", t(doc, "8"), 2, 3, [4, 5]),
]

/** R6: T4 = the 财政拨款 of T1 — its budgets, its totals — and each expenditure row = Σ budgets. */
export const shR6: Rule = ({ doc }) => {
  const t1 = t(doc, "1")
  const t4 = t(doc, "4")
  if (t1 === undefined || t4 === undefined) return []
  const fiscal = cell(byLabel(t1, 0, "财政拨款收入"), 1)
  const total = byLabel(t4, 0, "收入总计")
  const out: Finding[] = [
    ...compareAmounts(
      "R6",
      "sh-t4-income",
      place("4", "收入总计", 1),
      "T4 收入总计 = T1 财政拨款收入",
      fiscal,
      cell(total, 1),
    ),
    ...compareAmounts(
      "R6",
      "sh-t4-expenditure",
      place("4", "支出总计", 3),
      "T4 支出总计 = T1 财政拨款收入",
      fiscal,
      cell(total, 3),
    ),
  ]
  for (const b of BUDGETS)
    out.push(
      ...compareAmounts(
        "R6",
        "sh-t4-budget",
        place("4", b, 1),
        `T4 ${b} = T1 ${b}`,
        cell(byLabel(t1, 0, b), 1),
        cell(byLabel(t4, 0, b), 1),
      ),
    )
  for (const row of t4.rows) {
    const label = bare(row.cells[2]) || bare(row.cells[0])
    out.push(
      ...compareAmounts(
        "R6",
        "sh-t4-row",
        place("4", label, 3),
        `${label}: 合计 = Σ budgets`,
        Money.sum([4, 5, 6].map((c) => cell(row, c))),
        cell(row, 3),
      ),
    )
  }
  return out
}

/** R7: T5 / T6 / T7 = the 一般公共预算 / 政府性基金 / 国有资本经营 columns of T4; T5 within T3. */
export const shR7: Rule = ({ doc }) => {
  const t4 = t(doc, "4")
  if (t4 === undefined) return []
  const out: Finding[] = []
  const t4Total = byLabel(t4, 0, "收入总计")
  for (const [id, col] of [
    ["5", 4],
    ["6", 5],
    ["7", 6],
  ] as const) {
    const { rows, total } = coded(t(doc, id), 3)
    if (t(doc, id) === undefined) continue
    out.push(
      ...compareAmounts(
        "R7",
        "sh-budget-total",
        place(id, "合计", 4),
        `T${id} 合计 = T4 ${BUDGETS[col - 4]}`,
        cell(t4Total, col),
        cell(total, 4),
      ),
    )
    for (const c of rows.filter((r) => r.level === 1)) {
      const row = t4.rows.find((r) => bare(r.cells[2]) === c.name)
      out.push(
        ...compareAmounts(
          "R7",
          "sh-budget-class",
          place(id, c.code, 4),
          `T${id} ${c.code} = T4 ${c.name}`,
          cell(row, col),
          cell(c.row, 4),
        ),
      )
    }
  }
  const t3 = coded(t(doc, "3"), 3).rows
  for (const r5 of coded(t(doc, "5"), 3).rows) {
    const r3 = t3.find((r) => r.code === r5.code)
    for (const col of [4, 5, 6])
      if (Money.compare(cell(r5.row, col), cell(r3?.row, col)) > 0)
        out.push(
          ...compareAmounts(
            "R7",
            "sh-t5-within-t3",
            place("5", r5.code, col),
            `T5 ${r5.code} ≤ T3 ${r5.code}`,
            cell(r3?.row, col),
            cell(r5.row, col),
          ),
        )
  }
  return out
}

/** Σ of 一般公共预算 basic lines of a category, in 元. */
const basicOf = (state: BudgetState.BudgetState, category: "personnel" | "public"): Money.Money =>
  yuanOf(
    currentLines(state),
    (l) =>
      l.line.fundingSource === "general-budget" &&
      l.line.expenditure.kind === "basic" &&
      l.line.expenditure.category === category,
  )

/** R8: T8 合计 = T5 基本支出; with the ledger, 人员 / 公用 = the lines flagged so. */
export const shR8: Rule = ({ doc, state }) => {
  const t8 = coded(t(doc, "8"), 2).total
  const t5 = coded(t(doc, "5"), 3).total
  if (t8 === undefined) return []
  const out = compareAmounts(
    "R8",
    "sh-t8-basic",
    place("8", "合计", 3),
    "T8 合计 = T5 基本支出",
    cell(t5, 5),
    cell(t8, 3),
  )
  if (state !== undefined) {
    out.push(
      ...compareAmounts(
        "R8",
        "sh-t8-personnel",
        place("8", "合计", 4),
        "人员经费 = the basic lines flagged 人员",
        basicOf(state, "personnel"),
        cell(t8, 4),
      ),
    )
    out.push(
      ...compareAmounts(
        "R8",
        "sh-t8-public",
        place("8", "合计", 5),
        "公用经费 = the basic lines flagged 公用",
        basicOf(state, "public"),
        cell(t8, 5),
      ),
    )
  }
  return out
}
