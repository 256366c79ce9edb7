/**
 * R10 (“三公” table adds up, is ≥ its basic economic lines, matches the ledger's 三公 lines) and R11
 * (机关运行经费: 部门合计 = Σ units, ≤ T6 公用经费, and with a ledger exactly the 行政/参公 units'
 * 财政拨款 公用经费).
 *
 * @module r10-r11
 */
import { Money } from "@ledger/domain"
import { Result } from "effect"
import type { Finding } from "../model/finding.ts"
import { at, rowByLabel, table } from "../tables/views.ts"
import { isFiscal, lines, wanOf } from "../util/ledger.ts"
import { cellPlace, compareAmounts, compareWithLedger, finding, type Rule } from "./context.ts"

/** The T10 rows with their 三公 category and the basic economic code that books them. @category models */
const THREE_PUBLIC_ROWS = [
  { label: "因公出国（境）费", cat: "abroad", eco: "30212" },
  { label: "公务接待费", cat: "reception", eco: "30217" },
  { label: "公务用车购置费", cat: "vehicle-purchase", eco: "" },
  { label: "公务用车运行维护费", cat: "vehicle-operation", eco: "30231" },
] as const

/** R10: 合计 = 出国 + 接待 + 车, 车 = 购置 + 运行, each row = Σ budgets; items ≥ T6 lines; ledger 三公 lines. @category rules */
export const r10: Rule = ({ doc, state, taxonomy }) => {
  const t = table(doc, "10")
  if (t === undefined) return []
  const out: Finding[] = []
  const row = (label: string) => rowByLabel(t, 0, label)?.row
  for (const col of [1, 2, 3, 4]) {
    const parts = ["因公出国（境）费", "公务接待费", "公务用车购置及运行费"].map((l) => at(row(l), col))
    out.push(
      ...compareAmounts(
        "R10",
        "t10-sum",
        cellPlace("10", "合计", col),
        "合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费",
        Money.sum(parts),
        at(row("合计"), col),
        3,
      ),
    )
    out.push(
      ...compareAmounts(
        "R10",
        "t10-vehicle",
        cellPlace("10", "公务用车购置及运行费", col),
        "公务用车购置及运行费 = 购置费 + 运行维护费",
        Money.add(at(row("公务用车购置费"), col), at(row("公务用车运行维护费"), col)),
        at(row("公务用车购置及运行费"), col),
        2,
      ),
    )
  }
  for (const r of t.rows) {
    const label = (r.cells[0] ?? "").trim()
    if (label === "") continue
    out.push(
      ...compareAmounts(
        "R10",
        "t10-row",
        cellPlace("10", label, 1),
        `${label}: 合计 = Σ budgets`,
        Money.sum([2, 3, 4].map((c) => at(r, c))),
        at(r, 1),
        3,
      ),
    )
  }
  const t6 = table(doc, "6")
  for (const p of THREE_PUBLIC_ROWS) {
    if (p.eco === "" || t6 === undefined || taxonomy === undefined) continue
    const name = taxonomy.deptEconomicName(p.eco)
    if (!Result.isSuccess(name)) continue
    const basic = at(rowByLabel(t6, 0, name.success)?.row, 2)
    if (Money.compare(at(row(p.label), 1), basic) < 0) {
      out.push(
        finding(
          "R10",
          "t10-below-basic",
          cellPlace("10", p.label, 1),
          `${p.label} ${at(row(p.label), 1)} is below its basic economic line ${name.success} ${basic} in T6`,
          { expected: `≥ ${basic}`, actual: at(row(p.label), 1) },
        ),
      )
    }
  }
  if (state !== undefined && state.lines.size > 0) {
    const ls = lines(state).filter(isFiscal)
    for (const p of THREE_PUBLIC_ROWS) {
      out.push(
        ...compareWithLedger(
          "R10",
          "t10-ledger",
          cellPlace("10", p.label, 1),
          `${p.label} = the ledger's 财政拨款 三公 lines`,
          wanOf(ls, (l) => l.line.threePublic === p.cat),
          at(row(p.label), 1),
        ),
      )
    }
  }
  return out
}

/** R11: 部门合计 = Σ unit rows; ≤ T6 公用经费; with a ledger, one row per 行政/参公 unit with its 公用经费. @category rules */
export const r11: Rule = ({ doc, state }) => {
  const t = table(doc, "11")
  if (t === undefined) return []
  const out: Finding[] = []
  const total = rowByLabel(t, 0, "部门合计")?.row
  const units = t.rows.filter(
    (r) => (r.cells[0] ?? "").trim() !== "" && (r.cells[0] ?? "").trim() !== "部门合计",
  )
  for (const col of [1, 2, 3, 4]) {
    out.push(
      ...compareAmounts(
        "R11",
        "t11-sum",
        cellPlace("11", "部门合计", col),
        "部门合计 = Σ unit rows",
        Money.sum(units.map((u) => at(u, col))),
        at(total, col),
        units.length,
      ),
    )
  }
  for (const r of t.rows) {
    const label = (r.cells[0] ?? "").trim()
    if (label !== "")
      out.push(
        ...compareAmounts(
          "R11",
          "t11-row",
          cellPlace("11", label, 1),
          `${label}: 合计 = Σ budgets`,
          Money.sum([2, 3, 4].map((c) => at(r, c))),
          at(r, 1),
          3,
        ),
      )
  }
  const t6total = table(doc, "6")?.rows.find((r) => (r.cells[0] ?? "").trim() === "合计")
  if (
    t6total !== undefined &&
    Money.compare(at(total, 1), Money.add(at(t6total, 4), Money.make("0.01"))) > 0
  ) {
    out.push(
      finding(
        "R11",
        "t11-above-public",
        cellPlace("11", "部门合计", 1),
        `机关运行经费 ${at(total, 1)} exceeds T6 公用经费 ${at(t6total, 4)}`,
        { expected: `≤ ${at(t6total, 4)}`, actual: at(total, 1) },
      ),
    )
  }
  if (state !== undefined && state.lines.size > 0) {
    const ls = lines(state).filter(
      (l) =>
        isFiscal(l) &&
        l.vintage === "current" &&
        l.line.expenditure.kind === "basic" &&
        l.line.expenditure.category === "public",
    )
    const eligible = [...state.units.values()].filter((u) => u.unitType !== "public-institution")
    const expected = wanOf(ls, (l) => eligible.some((u) => u.unitCode === l.line.unitCode))
    out.push(
      ...compareWithLedger(
        "R11",
        "t11-unit-type",
        cellPlace("11", "部门合计", 1),
        "机关运行经费 = 公用经费 of 行政 and 参公 units only",
        expected,
        at(total, 1),
      ),
    )
    for (const u of state.units.values()) {
      const printed = units.find((r) => (r.cells[0] ?? "").trim() === u.name)
      const own = wanOf(ls, (l) => l.line.unitCode === u.unitCode)
      if (u.unitType === "public-institution" && printed !== undefined) {
        out.push(
          finding(
            "R11",
            "t11-unit-type",
            cellPlace("11", u.name, 1),
            `${u.name} is a 事业单位; its 公用经费 is not 机关运行经费`,
            { expected: "", actual: printed.cells[1] ?? "" },
          ),
        )
      } else if (u.unitType !== "public-institution" && !Money.isZero(own)) {
        out.push(
          ...compareAmounts(
            "R11",
            "t11-unit-type",
            cellPlace("11", u.name, 1),
            `${u.name} 机关运行经费`,
            own,
            at(printed, 1),
          ),
        )
      }
    }
  }
  return out
}
