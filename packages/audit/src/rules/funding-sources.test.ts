/**
 * R7, R8, R12 and R13 on a department the reference document does not have: project money from
 * 政府性基金, the unit's own money, carryover of both kinds, and a 303 line booked as 公用. The
 * derived document is consistent, so no rule may report an error, with or without the ledger; a
 * figure broken on purpose is still caught.
 */
import { type BudgetEvent, type BudgetLine, BudgetState } from "@ledger/domain"
import { AsOf, buildDisclosure, type Disclosure } from "@ledger/projections"
import { basicLine, department, logged } from "@ledger/projections/testing"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { checkDisclosure } from "../index.ts"
import type { Finding } from "../model/finding.ts"
import { setCell } from "../testing-fixtures/mutate.ts"

const projectLine = (
  lineId: string,
  projectId: string,
  functionCode: string,
  amount: string,
  fundingSource: BudgetLine.BudgetLine["fundingSource"],
): BudgetLine.BudgetLine => ({
  lineId,
  unitCode: "001",
  fundingSource,
  functionCode,
  expenditure: { kind: "project", projectId },
  amount,
})

const project = (projectId: string, name: string): BudgetEvent.BudgetEvent => ({
  type: "ProjectRegistered",
  data: { projectId, unitCode: "001", name, category: "specific-target", life: "one-off", periodYears: 1 },
})
const appropriation = (line: BudgetLine.BudgetLine): BudgetEvent.BudgetEvent => ({
  type: "AppropriationRecorded",
  data: { line },
})
const carryover = (line: BudgetLine.BudgetLine): BudgetEvent.BudgetEvent => ({
  type: "CarryoverRecorded",
  data: { line, originYear: 2025 },
})

const events: ReadonlyArray<BudgetEvent.BudgetEvent> = [
  ...department([["001", "administrative"]]),
  project("P1", "一般项目"),
  project("P2", "基金项目"),
  project("P3", "结转项目"),
  appropriation(basicLine("B1", "001", "2010301", "30101", "300000.00")),
  appropriation(basicLine("B2", "001", "2010301", "30201", "40000.00", "public")),
  // 退休费 booked as 公用经费: the line's flag decides, not its code (domain.md §3)
  appropriation(basicLine("B3", "001", "2080501", "30302", "20000.00", "public")),
  appropriation({
    ...basicLine("B4", "001", "2010301", "30201", "10000.00", "public"),
    fundingSource: "unit-funds",
  }),
  carryover(basicLine("C1", "001", "2010301", "30201", "5000.00", "public")),
  appropriation(projectLine("P1a", "P1", "2010301", "100000.00", "general-budget")),
  appropriation(projectLine("P2a", "P2", "2120803", "200000.00", "government-fund")),
  carryover(projectLine("P3a", "P3", "2010302", "50000.00", "general-budget")),
]

const build = (): { doc: Disclosure; state: BudgetState.BudgetState } => {
  const r = buildDisclosure(logged(events), AsOf.current)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return { doc: r.success, state: BudgetState.fold(events.map((event) => ({ event }))) }
}

const errorsOf = (fs: ReadonlyArray<Finding>, rules: ReadonlyArray<string>): Finding[] =>
  fs.filter((f) => f.severity === "error" && rules.includes(f.rule))

describe("R7, R8, R12, R13 with 政府性基金 project money and a 303 line booked as 公用", () => {
  const { doc, state } = build()
  const RULES = ["R7", "R8", "R12", "R13"]

  it("the document has what the rules used to misread", () => {
    const t12 = doc.tables.find((t) => t.id === "12")
    expect(t12?.rows.some((r) => r.cells.includes("30.00"))).toBe(true) // 10 + 20 万元 of projects
    const t6 = doc.tables.find((t) => t.id === "6")
    expect(t6?.rows.find((r) => r.cells[0] === "合计")?.cells.slice(2)).toEqual(["36.00", "30.00", "6.00"])
  })

  it("with the ledger: no error", () => {
    expect(errorsOf(checkDisclosure(doc, state).findings, RULES)).toEqual([])
  })

  it("from the document alone: no error; 301 + 303 ≠ 人员 is at most a warning", () => {
    const fs = checkDisclosure(doc).findings
    expect(errorsOf(fs, RULES)).toEqual([])
    expect(fs.filter((f) => f.check === "t6-personnel").map((f) => f.severity)).toEqual(["warning"])
  })

  it("still catches a broken T5 基本支出, T6 人员经费 and T13 合计", () => {
    const t5 = setCell(doc, "5", (c) => c[0] === "合计", 3, "35.00")
    expect(errorsOf(checkDisclosure(t5, state).findings, ["R7"]).map((f) => f.check)).toContain("t5-basic")
    const t6 = setCell(doc, "6", (c) => c[0] === "合计", 3, "31.00")
    expect(errorsOf(checkDisclosure(t6, state).findings, ["R8"]).map((f) => f.check)).toContain(
      "t6-personnel",
    )
    const t13 = setCell(doc, "13", (c) => c[0] === doc.department.name, 1, "6.00")
    expect(errorsOf(checkDisclosure(t13, state).findings, ["R13"]).map((f) => f.check)).toContain(
      "t13-t3-t12",
    )
  })
})
