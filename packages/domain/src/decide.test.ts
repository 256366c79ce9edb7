import { Result, Schema } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { BudgetCommand, type BudgetCommand as Command, toEvent } from "./BudgetCommand.ts"
import type * as E from "./BudgetEvent.ts"
import type { BudgetLine } from "./BudgetLine.ts"
import { fold } from "./BudgetState.ts"
import { decideBatch, decideEvent } from "./decide.ts"
import * as Money from "./Money.ts"
import * as Taxonomy from "./Taxonomy.ts"
import { ctx2026, given } from "./testing-fixtures/given.ts"
import * as S from "./testing-fixtures/samples.ts"

const setup: ReadonlyArray<E.BudgetEvent> = [S.department, S.unitU1, S.unitU2, S.projectP1, S.projectP2]
const appropriate = (line: BudgetLine): Command => ({ type: "RecordAppropriation", data: { line } })
const withLine = [...setup, S.appropriation(S.basicLine({ amount: "1000.00" }))]

describe("RecordAppropriation: budget lines", () => {
  it("accepts a basic line with known codes", () => {
    given(setup)
      .when(appropriate(S.basicLine()))
      .then([{ type: "AppropriationRecorded", data: { line: S.basicLine() } }])
  })

  it("accepts a project line naming a registered project of the same unit", () => {
    given(setup)
      .when(appropriate(S.projectLine()))
      .then([toEvent(appropriate(S.projectLine()))])
  })

  it("rejects a line id used before (DuplicateLine)", () => {
    given(withLine)
      .when(appropriate(S.basicLine()))
      .then("DuplicateLine", { path: "data.line.lineId", lineId: "L-basic-1" })
  })

  it.each(["0.00", "0"])("rejects the amount %j (NonPositiveAmount)", (amount) => {
    given(setup)
      .when(appropriate(S.basicLine({ amount })))
      .then("NonPositiveAmount", { path: "data.line.amount" })
  })

  it("rejects an amount with three decimals even when the event skipped decoding (MalformedAmount)", () => {
    given(setup)
      .when(appropriate(S.basicLine({ amount: "1.234" })))
      .then("MalformedAmount", { path: "data.line.amount" })
  })

  it("rejects a unit not registered in the department (UnknownUnit)", () => {
    given(setup)
      .when(appropriate(S.basicLine({ unitCode: "U9" })))
      .then("UnknownUnit", { path: "data.line.unitCode", unitCode: "U9" })
  })

  it("rejects a function code missing from the year's taxonomy (UnknownFunctionCode)", () => {
    given(setup)
      .when(appropriate(S.basicLine({ functionCode: "2010398" })))
      .then("UnknownFunctionCode", { path: "data.line.functionCode", code: "2010398", year: 2026 })
  })

  it("rejects a 款 where a 7-digit 项 is required", () => {
    given(setup)
      .when(appropriate(S.basicLine({ functionCode: "20103" })))
      .then("UnknownFunctionCode", { code: "20103" })
  })

  it("checks codes against the stream's year: a code known in 2026 but dropped in 2027 is refused in 2027", () => {
    const raw = JSON.parse(
      readFileSync(new URL("../data/taxonomy/2026.json", import.meta.url), "utf8"),
    ) as Record<string, unknown>
    const functionCodes = (raw["functionCodes"] as Array<{ code: string }>).filter(
      (c) => c.code !== "2010301",
    )
    const t2027 = Result.getOrThrow(Taxonomy.fromFile({ ...raw, year: 2027, functionCodes }))
    const ctx2027 = { taxonomy: t2027, streamYear: 2027, department: "D01" }
    given(setup)
      .when(appropriate(S.basicLine()))
      .then([toEvent(appropriate(S.basicLine()))])
    given(setup, ctx2027)
      .when(appropriate(S.basicLine()))
      .then("UnknownFunctionCode", { code: "2010301", year: 2027 })
  })

  it("rejects unknown department and government economic codes (UnknownEconomicCode)", () => {
    const dept = S.basicLine({
      expenditure: { kind: "basic", category: "public", deptEconomicCode: "30298" },
    })
    given(setup).when(appropriate(dept)).then("UnknownEconomicCode", {
      path: "data.line.expenditure.deptEconomicCode",
      classification: "dept-economic",
      code: "30298",
    })
    const gov = S.basicLine({
      expenditure: {
        kind: "basic",
        category: "personnel",
        deptEconomicCode: "30101",
        govEconomicCode: "50888",
      },
    })
    given(setup).when(appropriate(gov)).then("UnknownEconomicCode", {
      path: "data.line.expenditure.govEconomicCode",
      classification: "gov-economic",
    })
  })

  it("checks economic codes on project lines when they are given", () => {
    const good = S.projectLine({
      expenditure: { kind: "project", projectId: "P1", deptEconomicCode: "30227" },
    })
    given(setup)
      .when(appropriate(good))
      .then([toEvent(appropriate(good))])
    const bad = S.projectLine({
      expenditure: { kind: "project", projectId: "P1", deptEconomicCode: "30230" },
    })
    given(setup).when(appropriate(bad)).then("UnknownEconomicCode", { code: "30230" })
  })

  it("rejects a basic line without an economic code or 人员/公用 (MissingEconomicCode)", () => {
    const noCode = S.basicLine({ expenditure: { kind: "basic", category: "personnel" } as never })
    given(setup).when(appropriate(noCode)).then("MissingEconomicCode", { path: "data.line.expenditure" })
    const noCategory = S.basicLine({ expenditure: { kind: "basic", deptEconomicCode: "30101" } as never })
    given(setup).when(appropriate(noCategory)).then("MissingEconomicCode")
  })

  it("rejects a project line naming an unregistered project (UnknownProject)", () => {
    const line = S.projectLine({ expenditure: { kind: "project", projectId: "P9" } })
    given(setup)
      .when(appropriate(line))
      .then("UnknownProject", { path: "data.line.expenditure.projectId", projectId: "P9" })
  })

  it("rejects a project line booked to another unit than the project's (ProjectOfAnotherUnit)", () => {
    const line = S.projectLine({ unitCode: "U2" })
    given(setup)
      .when(appropriate(line))
      .then("ProjectOfAnotherUnit", { projectId: "P1", projectUnit: "U1", lineUnit: "U2" })
  })
})

describe("三公 lines", () => {
  const reception = (fundingSource: BudgetLine["fundingSource"], deptEconomicCode: string) =>
    S.basicLine({
      fundingSource,
      threePublic: "reception",
      expenditure: { kind: "basic", category: "public", deptEconomicCode },
    })

  it("accepts 三公 from 财政拨款 on its economic code", () => {
    given(setup)
      .when(appropriate(reception("general-budget", "30217")))
      .then([toEvent(appropriate(reception("general-budget", "30217")))])
    given(setup)
      .when(appropriate(reception("government-fund", "30217")))
      .then([toEvent(appropriate(reception("government-fund", "30217")))])
  })

  it("rejects 三公 funded outside 财政拨款 (FundingSourceMismatch)", () => {
    given(setup)
      .when(appropriate(reception("unit-funds", "30217")))
      .then("FundingSourceMismatch", {
        path: "data.line.fundingSource",
        fundingSource: "unit-funds",
      })
  })

  it("rejects a basic 三公 line on another economic code (ThreePublicCodeMismatch)", () => {
    given(setup)
      .when(appropriate(reception("general-budget", "30201")))
      .then("ThreePublicCodeMismatch", {
        category: "reception",
        expected: ["30217"],
      })
  })

  it("accepts a 三公 tag on a project line, whose economic code is optional", () => {
    const line = S.projectLine({ threePublic: "vehicle-operation" })
    given(setup)
      .when(appropriate(line))
      .then([toEvent(appropriate(line))])
  })
})

describe("RecordCarryover", () => {
  const carry = (originYear: number, line = S.projectLine({ lineId: "L-co" })): Command => ({
    type: "RecordCarryover",
    data: { line, originYear },
  })

  it("accepts money from an earlier year", () => {
    given(setup)
      .when(carry(2025))
      .then([
        { type: "CarryoverRecorded", data: { line: S.projectLine({ lineId: "L-co" }), originYear: 2025 } },
      ])
  })

  it.each([2026, 2027])(
    "rejects origin year %i, not before the stream's (CarryoverNotFromEarlierYear)",
    (originYear) => {
      given(setup)
        .when(carry(originYear))
        .then("CarryoverNotFromEarlierYear", { path: "data.originYear", originYear, streamYear: 2026 })
    },
  )

  it("applies the line rules to the carried line", () => {
    given(setup)
      .when(carry(2025, S.projectLine({ lineId: "L-co", unitCode: "U2" })))
      .then("ProjectOfAnotherUnit")
  })
})

describe("AdjustLine: 追加 / 追减", () => {
  const adjust = (delta: string, lineId = "L-basic-1", adjustmentId = "A1"): Command => ({
    type: "AdjustLine",
    data: { adjustmentId, reason: "追加", documentNumber: "示财〔2026〕9号", lineId, delta },
  })

  it("accepts an increase and a decrease down to exactly zero", () => {
    given(withLine)
      .when(adjust("250.50"))
      .then([S.amountChange("L-basic-1", "250.50")])
    given(withLine)
      .when(adjust("-1000.00"))
      .then([S.amountChange("L-basic-1", "-1000.00")])
  })

  it("rejects a decrease that would drive the line below zero (NegativeBalance)", () => {
    given(withLine).when(adjust("-1000.01")).then("NegativeBalance", {
      path: "data.delta",
      lineId: "L-basic-1",
      balance: "1000.00",
      delta: "-1000.01",
    })
  })

  it("counts earlier adjustments in the balance", () => {
    const after = [...withLine, S.amountChange("L-basic-1", "-600.00", "A0")]
    given(after)
      .when(adjust("-400.00"))
      .then([S.amountChange("L-basic-1", "-400.00")])
    given(after).when(adjust("-400.01")).then("NegativeBalance", { balance: "400.00" })
  })

  it("rejects a zero change (NonPositiveAmount)", () => {
    given(withLine).when(adjust("0.00")).then("NonPositiveAmount", { path: "data.delta" })
  })

  it("rejects an unknown line (UnknownLine), naming the command's path", () => {
    given(withLine)
      .when(adjust("5.00", "L-nope"))
      .then("UnknownLine", { path: "data.lineId", lineId: "L-nope" })
  })

  it("names the event's path when the same rule is checked on an event", () => {
    given(withLine)
      .whenEvent(S.amountChange("L-nope", "5.00"))
      .then("UnknownLine", { path: "data.change.lineId" })
    given(withLine)
      .whenEvent(S.amountChange("L-basic-1", "-2000.00"))
      .then("NegativeBalance", { path: "data.change.delta" })
  })

  it("rejects an adjustment id used before (DuplicateAdjustment)", () => {
    const after = [...withLine, S.amountChange("L-basic-1", "1.00", "A1")]
    given(after)
      .when(adjust("2.00", "L-basic-1", "A1"))
      .then("DuplicateAdjustment", { path: "data.adjustmentId" })
    given(after)
      .when(adjust("2.00", "L-basic-1", "A3"))
      .then([S.amountChange("L-basic-1", "2.00", "A3")])
  })
})

describe("ReclassifyLine: 调剂", () => {
  const target = (overrides: Partial<BudgetLine> = {}) =>
    S.basicLine({
      lineId: "L-basic-2",
      functionCode: "2010350",
      expenditure: { kind: "basic", category: "public", deptEconomicCode: "30201" },
      amount: "400.00",
      ...overrides,
    })
  const reclassify = (toLine: BudgetLine, fromLineId = "L-basic-1"): Command => ({
    type: "ReclassifyLine",
    data: { adjustmentId: "A2", reason: "调剂", documentNumber: "示财〔2026〕10号", fromLineId, toLine },
  })

  it("accepts moving part or all of a line", () => {
    given(withLine)
      .when(reclassify(target()))
      .then([S.reclassification("L-basic-1", target())])
    given(withLine)
      .when(reclassify(target({ amount: "1000.00" })))
      .then([S.reclassification("L-basic-1", target({ amount: "1000.00" }))])
  })

  it("moves the amount without changing the total", () => {
    const before = fold(withLine.map((event) => ({ event })))
    const after = fold([{ event: S.reclassification("L-basic-1", target()) }], before)
    const total = (s: typeof before) => Money.sum([...s.lines.values()].map((l) => l.amount))
    expect(total(after)).toBe(total(before))
    expect(after.lines.get("L-basic-1")?.amount).toBe("600.00")
    expect(after.lines.get("L-basic-2")?.amount).toBe("400.00")
  })

  it("rejects moving more than the line holds (ReclassificationExceedsLine)", () => {
    given(withLine)
      .when(reclassify(target({ amount: "1000.01" })))
      .then("ReclassificationExceedsLine", {
        path: "data.toLine.amount",
        available: "1000.00",
        amount: "1000.01",
      })
  })

  it("rejects moving money across funding sources (FundingSourceMismatch)", () => {
    given(withLine)
      .when(reclassify(target({ fundingSource: "unit-funds" })))
      .then("FundingSourceMismatch", {
        path: "data.toLine.fundingSource",
        expected: ["general-budget"],
      })
  })

  it("rejects an unknown source line (UnknownLine)", () => {
    given(withLine).when(reclassify(target(), "L-nope")).then("UnknownLine", { path: "data.fromLineId" })
  })

  it("applies the line rules to the new line, at its path", () => {
    given(withLine)
      .when(reclassify(target({ functionCode: "2010398" })))
      .then("UnknownFunctionCode", { path: "data.toLine.functionCode" })
    given(withLine)
      .when(reclassify(target({ lineId: "L-basic-1" })))
      .then("DuplicateLine", { path: "data.toLine.lineId" })
    given(withLine)
      .when(reclassify(target({ amount: "0.00" })))
      .then("NonPositiveAmount", { path: "data.toLine.amount" })
    given(withLine)
      .whenEvent(S.reclassification("L-basic-1", target({ unitCode: "U9" })))
      .then("UnknownUnit", { path: "data.change.toLine.unitCode" })
  })
})

describe("reference facts", () => {
  it("RegisterUnit: accepts a new unit, rejects a registered one (DuplicateUnit)", () => {
    const u3 = { unitCode: "U3", name: "第三单位", unitType: "civil-service-managed" } as const
    given(setup)
      .when({ type: "RegisterUnit", data: u3 })
      .then([{ type: "UnitRegistered", data: u3 }])
    given(setup)
      .when({ type: "RegisterUnit", data: S.unitU1.data })
      .then("DuplicateUnit", { path: "data.unitCode", unitCode: "U1" })
  })

  it("RegisterProject: accepts a project of a known unit; rejects a duplicate and an unknown unit", () => {
    const p3 = { ...S.projectP1.data, projectId: "P3" }
    given(setup)
      .when({ type: "RegisterProject", data: p3 })
      .then([{ type: "ProjectRegistered", data: p3 }])
    given(setup)
      .when({ type: "RegisterProject", data: S.projectP1.data })
      .then("DuplicateProject", { path: "data.projectId" })
    given(setup)
      .when({ type: "RegisterProject", data: { ...p3, unitCode: "U9" } })
      .then("UnknownUnit", { path: "data.unitCode", unitCode: "U9" })
  })

  it("RecordPerformanceTargets: accepted for a registered project, else UnknownProject", () => {
    given(setup).when({ type: "RecordPerformanceTargets", data: S.targetsP1.data }).then([S.targetsP1])
    given(setup)
      .when({ type: "RecordPerformanceTargets", data: { ...S.targetsP1.data, projectId: "P9" } })
      .then("UnknownProject", { path: "data.projectId" })
  })

  it("RecordUnitOverallTargets: accepted for a registered unit, else UnknownUnit", () => {
    given(setup)
      .when({ type: "RecordUnitOverallTargets", data: { unitCode: "U1" } })
      .then([S.overallU1])
    given(setup)
      .when({ type: "RecordUnitOverallTargets", data: { unitCode: "U9" } })
      .then("UnknownUnit")
  })

  it("RecordPriorYearBudget: accepted for the year before the stream's, else PriorYearMismatch", () => {
    given(setup).when({ type: "RecordPriorYearBudget", data: S.priorYear.data }).then([S.priorYear])
    given(setup)
      .when({ type: "RecordPriorYearBudget", data: { ...S.priorYear.data, year: 2024 } })
      .then("PriorYearMismatch", { path: "data.year", year: 2024, streamYear: 2026 })
  })

  it("RecordDepartmentProfile: accepted for the stream's department, else DepartmentMismatch", () => {
    given([]).when({ type: "RecordDepartmentProfile", data: S.department.data }).then([S.department])
    given([])
      .when({ type: "RecordDepartmentProfile", data: { ...S.department.data, departmentCode: "D02" } })
      .then("DepartmentMismatch", { path: "data.departmentCode", department: "D02", streamDepartment: "D01" })
  })

  it("narrative notes, asset holdings and publication carry no cross-event rule", () => {
    given(setup).when({ type: "RecordNarrativeNote", data: S.note.data }).then([S.note])
    given(setup).when({ type: "RecordAssetHoldings", data: S.assets.data }).then([S.assets])
    given(setup).when({ type: "PublishDisclosure", data: S.published.data }).then([S.published])
  })

  it("refuses to decide with another year's taxonomy (TaxonomyYearMismatch)", () => {
    given(setup, { ...ctx2026, streamYear: 2027 })
      .when({ type: "RecordNarrativeNote", data: S.note.data })
      .then("TaxonomyYearMismatch")
  })
})

describe("commands as schemas", () => {
  it("decodes a command and refuses a JSON-number amount with its path", () => {
    const decode = Schema.decodeUnknownResult(BudgetCommand)
    const good = { type: "RecordAppropriation", data: { line: S.basicLine() } }
    expect(Result.isSuccess(decode(good))).toBe(true)
    const bad = { type: "RecordAppropriation", data: { line: { ...S.basicLine(), amount: 120000 } } }
    expect(Result.isFailure(decode(bad))).toBe(true)
  })

  it("every command maps to an event of a known type with the same payload", () => {
    const adjust: Command = {
      type: "AdjustLine",
      data: {
        adjustmentId: "A1",
        reason: "追加",
        documentNumber: "示财〔2026〕9号",
        lineId: "L1",
        delta: "5.00",
      },
    }
    expect(toEvent(adjust)).toEqual(S.amountChange("L1", "5.00"))
  })
})

describe("decideEvent and decideBatch", () => {
  it("decideEvent returns the event itself when it passes", () => {
    const e = S.appropriation()
    expect(Result.getOrThrow(decideEvent(e, fold(setup.map((event) => ({ event }))), ctx2026))).toEqual([e])
  })

  it("a batch is checked in order against the state its earlier events build", () => {
    const batch = [...setup, S.appropriation(), S.amountChange("L-basic-1", "-120000.00")]
    const r = decideBatch(batch, fold([]), ctx2026)
    expect(Result.isSuccess(r)).toBe(true)
    if (Result.isSuccess(r)) expect(r.success.lines.get("L-basic-1")?.amount).toBe("0.00")
  })

  it("a batch reports the index and error of the first bad event", () => {
    const batch = [S.unitU1, S.appropriation(), S.appropriation()]
    const r = decideBatch(batch, fold([]), ctx2026)
    expect(Result.isFailure(r) && r.failure.index).toBe(2)
    expect(Result.isFailure(r) && r.failure.error._tag).toBe("DuplicateLine")
  })
})
