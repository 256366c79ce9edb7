/**
 * R7 (table 5 is the 一般公共预算 current-year part of table 3) and R9 (the 政府性基金 and 国有资本
 * tables match table 2's columns; a table without data says "本表无数据", and one that says so has none).
 *
 * @module r07-r09
 */
import { Money } from "@ledger/domain"
import type { Finding } from "../model/finding.ts"
import type { Table } from "../model/document.ts"
import { at, codedRows, rowLabel, table } from "../tables/views.ts"
import { isBlankAmounts } from "../tables/blank.ts"
import { lines, wanOf } from "../util/ledger.ts"
import { cellPlace, compareAmounts, finding, type Rule, type RuleContext } from "./context.ts"

/**
 * T5 基本/项目 against T3: T3 holds every source and the carryover, T5 only the current-year
 * 一般公共预算. With the ledger, what T3 holds beyond T5 is known per kind (carryover of any source,
 * current 政府性基金 / 国有资本 / 财政专户 / unit money), so both columns are compared exactly. From the
 * document alone the split by kind is known only when all of T3's current money is 一般公共预算 (T2
 * 本年 合计 = its 一般公共预算 column); otherwise T5 can only be at most T3 minus its carryover.
 */
type CodedRows = ReturnType<typeof codedRows>

const t5AgainstT3 = ({ doc, state }: RuleContext, r2: CodedRows, r3: CodedRows, r5: CodedRows): Finding[] => {
  const out: Finding[] = []
  const outside = (kind: "basic" | "project"): Money.Money | undefined =>
    state !== undefined && state.lines.size > 0
      ? wanOf(
          lines(state),
          (l) =>
            l.line.expenditure.kind === kind &&
            !(l.vintage === "current" && l.line.fundingSource === "general-budget"),
        )
      : undefined
  const t13 = table(doc, "13")
  const projectCarry = at(
    t13?.rows.find((r) => (r.cells[0] ?? "").trim() !== "" && !/^\d+$/.test((r.cells[0] ?? "").trim())),
    1,
  )
  const carry = at(r2.total?.row, 8)
  const docOutside = {
    basic: Money.sub(carry, projectCarry),
    project: projectCarry,
  }
  const otherCurrent = Money.sub(at(r2.total?.row, 2), at(r2.total?.row, 3))
  for (const [kind, col, label] of [
    ["basic", 3, "基本支出"],
    ["project", 4, "项目支出"],
  ] as const) {
    const ledger = outside(kind)
    const expected = Money.sub(at(r3.total?.row, col), ledger ?? docOutside[kind])
    const got = at(r5.total?.row, col)
    if (ledger !== undefined || Money.isZero(otherCurrent))
      out.push(
        ...compareAmounts(
          "R7",
          `t5-${kind}`,
          cellPlace("5", "合计", col),
          `T5 ${label} = T3 ${label} − what is not current 一般公共预算`,
          expected,
          got,
          2,
        ),
      )
    else if (Money.compare(got, Money.add(expected, Money.make("0.02"))) > 0)
      out.push(
        finding(
          "R7",
          `t5-${kind}`,
          cellPlace("5", "合计", col),
          `T5 ${label} ${got} exceeds T3 ${label} less its carryover (${expected})`,
        ),
      )
  }
  return out
}

/** R7: T5 = T2 一般公共预算 by code; T5 基本/项目 = T3 基本/项目 less what is not current 一般公共预算. @category rules */
export const r7: Rule = (ctx) => {
  const { doc } = ctx
  const t2 = table(doc, "2")
  const t3 = table(doc, "3")
  const t5 = table(doc, "5")
  if (t5 === undefined) return []
  const out: Finding[] = []
  const r2 = codedRows(t2)
  const r5 = codedRows(t5)
  if (t2 !== undefined) {
    out.push(
      ...compareAmounts(
        "R7",
        "t5-t2",
        cellPlace("5", "合计", 2),
        "T5 合计 = T2 一般公共预算",
        at(r2.total?.row, 3),
        at(r5.total?.row, 2),
      ),
    )
    const t2by = new Map(r2.rows.map((r) => [r.code, r.row]))
    for (const r of r5.rows) {
      out.push(
        ...compareAmounts(
          "R7",
          "t5-t2",
          cellPlace("5", `${r.code} ${r.name}`, 2),
          `T5 ${r.code} = T2 一般公共预算`,
          at(t2by.get(r.code), 3),
          at(r.row, 2),
        ),
      )
    }
  }
  if (t3 !== undefined) out.push(...t5AgainstT3(ctx, r2, codedRows(t3), r5))
  return out
}

const emptyNote = (t: Table) => t.notes.some((n) => n.includes("本表无数据") || n.includes("空表"))

/** R9: T7/T8 = T2 政府性基金, T9 = T2 国有资本经营; empty tables carry the note, and only they do. @category rules */
export const r9: Rule = ({ doc }) => {
  const out: Finding[] = []
  const t2total = codedRows(table(doc, "2")).total?.row
  const fundTotal = at(t2total, 4)
  const soeTotal = at(t2total, 5)
  const t7 = table(doc, "7")
  const t8 = table(doc, "8")
  const t9 = table(doc, "9")
  if (t7 !== undefined)
    out.push(
      ...compareAmounts(
        "R9",
        "t7-t2",
        cellPlace("7", "合计", 2),
        "T7 合计 = T2 政府性基金",
        fundTotal,
        at(codedRows(t7).total?.row, 2),
      ),
    )
  if (t8 !== undefined)
    out.push(
      ...compareAmounts(
        "R9",
        "t8-t2",
        cellPlace("8", "合计", 2),
        "T8 合计 = T2 政府性基金",
        fundTotal,
        at(codedRows(t8).total?.row, 2),
      ),
    )
  if (t9 !== undefined) {
    const total = t9.rows.find((r) => r.cells.some((c) => c.trim() === "合计"))
    out.push(
      ...compareAmounts(
        "R9",
        "t9-t2",
        cellPlace("9", "合计", 2),
        "T9 收入 = T2 国有资本经营预算",
        soeTotal,
        at(total, 2),
      ),
    )
    out.push(
      ...compareAmounts(
        "R9",
        "t9-t2",
        cellPlace("9", "合计", 5),
        "T9 支出 = T2 国有资本经营预算",
        soeTotal,
        at(total, 5),
      ),
    )
  }
  for (const t of doc.tables.values()) {
    if (t.id === "4") continue // R6 reports table 4 (an empty T4 is a disagreement with T1, not a missing note)
    const blank = isBlankAmounts(t)
    if (blank && !emptyNote(t))
      out.push(
        finding(
          "R9",
          "empty-note-missing",
          { table: t.id },
          `table ${t.id} has no data but lacks the note "注：本表无数据"`,
        ),
      )
    if (!blank && emptyNote(t)) {
      const row = t.rows.find((r) => r.cells.some((c) => /^-?\d+\.\d{2}$/.test(c.trim())))
      out.push(
        finding(
          "R9",
          "empty-note-with-data",
          { table: t.id, row: rowLabel(row) },
          `table ${t.id} says "本表无数据" but prints figures`,
        ),
      )
    }
  }
  return out
}
