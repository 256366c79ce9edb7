/**
 * Table 9 of the Shanghai layout (“三公” and 机关运行经费, in 万元) against itself, table 8 and the
 * ledger; the empty-table notes of tables 6 and 7; and the fiscal year in every title.
 *
 * @module shanghai/three-public
 */
import type { Codes } from "@ledger/domain"
import { type BudgetState, Money } from "@ledger/domain"
import type { AuditDocument, Row } from "../model/document.ts"
import type { Finding } from "../model/finding.ts"
import { compareAmounts, finding, type Rule } from "../rules/context.ts"
import { currentLines, isFiscal, wanOf } from "../util/ledger.ts"
import { cell, coded, isEmptyTable, place } from "./views.ts"

/** The data row of table 9: the first row whose cells are figures. */
export const t9Row = (doc: AuditDocument): Row | undefined =>
  doc.tables
    .get("9")
    ?.rows.find((r) => r.cells.length >= 7 && r.cells.every((c) => /^[\d,.]*$/.test(c.trim())))

/** Table 9's item columns: the 三公 category, and the table 8 code that books its basic part. */
const ITEMS = [
  { col: 1, cat: "abroad", eco: "30212" },
  { col: 2, cat: "reception", eco: "30217" },
  { col: 4, cat: "vehicle-purchase", eco: "31013" },
  { col: 5, cat: "vehicle-operation", eco: "30231" },
] as const satisfies ReadonlyArray<{ col: number; cat: Codes.ThreePublicCategory; eco: string }>

const wanOfCategory = (state: BudgetState.BudgetState, cat: Codes.ThreePublicCategory): Money.Money =>
  wanOf(currentLines(state), (l) => isFiscal(l) && l.line.threePublic === cat)

/** R10: 合计 = 出国 + 接待 + 车; 车 = 购置 + 运行; each item ≥ its table 8 basic line; with the ledger, = its 三公 lines. */
export const shR10: Rule = ({ doc, state }) => {
  const row = t9Row(doc)
  if (row === undefined) return []
  const out: Finding[] = [
    ...compareAmounts(
      "R10",
      "sh-t9-sum",
      place("9", "合计", 0),
      "合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费",
      Money.sum([1, 2, 3].map((c) => cell(row, c))),
      cell(row, 0),
      3,
    ),
    ...compareAmounts(
      "R10",
      "sh-t9-vehicle",
      place("9", "公务用车购置及运行费", 3),
      "公务用车购置及运行费 = 购置费 + 运行费",
      Money.add(cell(row, 4), cell(row, 5)),
      cell(row, 3),
      2,
    ),
  ]
  const t8 = coded(doc.tables.get("8"), 2).rows
  for (const item of ITEMS) {
    const basic = t8.find((r) => r.code === item.eco)
    const basicWan = Money.make(Money.toWan(cell(basic?.row, 3)))
    if (Money.compare(cell(row, item.col), basicWan) < 0)
      out.push(
        finding(
          "R10",
          "sh-t9-below-basic",
          place("9", item.cat, item.col),
          `T9 ${item.cat} is less than its basic line ${item.eco} of table 8`,
          { expected: basicWan, actual: cell(row, item.col) },
        ),
      )
    if (state !== undefined)
      out.push(
        ...compareAmounts(
          "R10",
          "sh-t9-ledger",
          place("9", item.cat, item.col),
          `T9 ${item.cat} = the ledger's 三公 lines`,
          wanOfCategory(state, item.cat),
          cell(row, item.col),
        ),
      )
  }
  return out
}

/** R11: 机关运行经费 ≤ table 8 公用经费 合计. */
export const shR11: Rule = ({ doc }) => {
  const row = t9Row(doc)
  const total = coded(doc.tables.get("8"), 2).total
  if (row === undefined || total === undefined) return []
  const publicWan = Money.make(Money.toWan(cell(total, 5)))
  return Money.compare(cell(row, 6), publicWan) > 0
    ? [
        finding(
          "R11",
          "sh-operating-costs",
          place("9", "机关运行经费", 6),
          "机关运行经费 exceeds table 8 公用经费",
          { expected: publicWan, actual: cell(row, 6) },
        ),
      ]
    : []
}

/** R9: a table with no money carries its "本表无数据" note, and a table with money does not. */
export const shR9: Rule = ({ doc }) =>
  ["6", "7"].flatMap((id) => {
    const table = doc.tables.get(id)
    if (table === undefined) return []
    const empty = isEmptyTable(table, 4)
    const noted = table.notes.some((n) => n.includes("本表无数据"))
    if (empty === noted) return []
    return [
      finding(
        "R9",
        "sh-empty-note",
        { table: id },
        empty
          ? `table ${id} has no data but lacks its "本表无数据" note`
          : `table ${id} has data but says "本表无数据"`,
      ),
    ]
  })

/** R16: every table title names the fiscal year. */
export const shR16: Rule = ({ doc }) =>
  [...doc.tables.values()]
    .filter((t) => !t.title.startsWith(`${doc.fiscalYear}年`))
    .map((t) =>
      finding(
        "R16",
        "sh-title-year",
        { table: t.id },
        `table ${t.id} is titled for another year: ${t.title}`,
        { expected: String(doc.fiscalYear), actual: t.title },
      ),
    )
