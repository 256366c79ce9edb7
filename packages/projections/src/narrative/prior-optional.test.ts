/**
 * A prior-year fact the source never stated is not printed as 0: without last year's 机关运行经费
 * or “三公” the narrative makes no comparison for them (it used to print "减少…下降100.00%").
 */
import { BudgetState, type BudgetEvent, Taxonomy } from "@ledger/domain"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { basicLine, department } from "../testing/synthetic.ts"
import { buildNarrative } from "./build-narrative.ts"

const tx = Taxonomy.forYear(2026)
if (Result.isFailure(tx)) throw new Error("no 2026 taxonomy")

type Prior = Extract<BudgetEvent.BudgetEvent, { type: "PriorYearBudgetRecorded" }>["data"]

const events = (prior: Prior): ReadonlyArray<BudgetEvent.BudgetEvent> => [
  ...department([["001", "administrative"]]),
  {
    type: "AppropriationRecorded" as const,
    data: { line: basicLine("B1", "001", "2010301", "30201", "50000.00", "public") },
  },
  { type: "PriorYearBudgetRecorded" as const, data: prior },
]

const section = (id: string, evs: ReadonlyArray<BudgetEvent.BudgetEvent>) =>
  buildNarrative({
    state: BudgetState.fold(evs.map((event) => ({ event }))),
    year: 2026,
    taxonomy: tx.success,
  }).find((s) => s.id === id)?.text ?? ""

const base = {
  year: 2025,
  incomeTotal: "60000.00",
  expenditureTotal: "60000.00",
  generalBudgetCurrent: "60000.00",
}

describe("optional prior-year facts", () => {
  it("no 2025 机关运行经费: section 八 states this year's figure and compares with nothing", () => {
    const text = section("八", events(base))
    expect(text).toContain("5.00万元")
    expect(text).not.toMatch(/下降|增长|减少|增加|相同/)
  })

  it("a stated 2025 机关运行经费 is compared", () => {
    expect(section("八", events({ ...base, operatingCosts: "40000.00" }))).toContain("增加1.00万元")
  })

  it("no 2025 “三公”: section 七 compares with nothing", () => {
    expect(section("七", events(base))).not.toMatch(/下降|增长|减少|增加|相同/)
  })
})
