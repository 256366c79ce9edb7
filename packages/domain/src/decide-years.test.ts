import * as fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import type * as E from "./BudgetEvent.ts"
import { type BudgetState, carriedKey, fold } from "./BudgetState.ts"
import { type DecideContext, decideEvent } from "./decide.ts"
import * as Money from "./Money.ts"
import * as Taxonomy from "./Taxonomy.ts"
import { given, ctx2026 } from "./testing-fixtures/given.ts"
import * as S from "./testing-fixtures/samples.ts"

const ctx2025: DecideContext = {
  taxonomy: Result.getOrThrow(Taxonomy.forYear(2025)),
  streamYear: 2025,
  department: "D01",
}
const setup = [S.department, S.unitU1, S.projectP1]
const close = (lineId: string, amount: string): E.BudgetEvent => ({
  type: "YearEndClosed",
  data: { carryovers: [{ lineId, amount }], documentNumber: "示财〔2025〕1号" },
})
const linked = (amount: string, sourceLineId = "L-proj-1", lineId = "L-co-1"): E.BudgetEvent => ({
  type: "CarryoverRecorded",
  data: { line: S.projectLine({ lineId, amount }), originYear: 2025, sourceLineId },
})
const stateOf = (events: ReadonlyArray<E.BudgetEvent>): BudgetState =>
  fold(events.map((event) => ({ event })))

/** 2025: the project line of 50,000 元, closed with 30,000 元 carrying into 2026. */
const year2025 = stateOf([...setup, S.appropriation(S.projectLine()), close("L-proj-1", "30000.00")])
const with2025: DecideContext = { ...ctx2026, years: new Map([[2025, year2025]]) }

describe("YearEndClosed (年终结转) on year N", () => {
  const base = [...setup, S.appropriation(S.projectLine())]
  it("accepts a close within the line and records it in the state", () => {
    given(base, ctx2025)
      .whenEvent(close("L-proj-1", "50000.00"))
      .then([close("L-proj-1", "50000.00")])
    expect(year2025.closing.get("L-proj-1")?.amount).toBe("30000.00")
  })
  it("refuses a line the year does not have, naming the field", () => {
    given(base, ctx2025)
      .whenEvent(close("L-nope", "1.00"))
      .then("UnknownLine", { path: "data.carryovers[0].lineId", lineId: "L-nope" })
  })
  it("refuses closing more than the line holds, counting earlier closes", () => {
    given([...base, close("L-proj-1", "30000.00")], ctx2025)
      .whenEvent(close("L-proj-1", "20000.01"))
      .then("YearEndCloseExceedsLine", { path: "data.carryovers[0].amount", available: "20000.00" })
  })
  it("refuses a close below what the next year already carried from the line", () => {
    const next = stateOf([...setup, linked("40000.00")])
    given(base, { ...ctx2025, years: new Map([[2026, next]]) })
      .whenEvent(close("L-proj-1", "30000.00"))
      .then("YearEndCloseBelowCarried", { lineId: "L-proj-1", carried: "40000.00" })
  })
})

describe("CarryoverRecorded linked to its origin line", () => {
  it("accepts a carryover within the origin's close", () => {
    given(setup, with2025)
      .whenEvent(linked("30000.00"))
      .then([linked("30000.00")])
  })
  it("refuses an origin line that does not exist in the origin year", () => {
    given(setup, with2025)
      .whenEvent(linked("1.00", "L-ghost"))
      .then("UnknownOriginLine", { path: "data.sourceLineId", originYear: 2025, lineId: "L-ghost" })
  })
  it("refuses a carryover above the origin's unspent amount, counting earlier carryovers", () => {
    given([...setup, linked("20000.00")], with2025)
      .whenEvent(linked("10000.01", "L-proj-1", "L-co-2"))
      .then("CarryoverExceedsOrigin", { path: "data.line.amount", available: "10000.00", amount: "10000.01" })
  })
  it("refuses a line the close did not carry (nothing left to carry)", () => {
    const unclosed = stateOf([...setup, S.appropriation(S.projectLine())])
    given(setup, { ...ctx2026, years: new Map([[2025, unclosed]]) })
      .whenEvent(linked("1.00"))
      .then("CarryoverExceedsOrigin", { available: "0.00" })
  })
  it("refuses a carryover in another funding source than its origin", () => {
    const ev: E.BudgetEvent = {
      type: "CarryoverRecorded",
      data: {
        line: S.projectLine({ lineId: "L-co-1", amount: "1.00", fundingSource: "unit-funds" }),
        originYear: 2025,
        sourceLineId: "L-proj-1",
      },
    }
    given(setup, with2025).whenEvent(ev).then("FundingSourceMismatch", { path: "data.line.fundingSource" })
  })
  it("takes the link as stated when the ledger does not hold the origin year", () => {
    given(setup)
      .whenEvent(linked("99999.00"))
      .then([linked("99999.00")])
  })
  it("remembers the origin line on the carried line", () => {
    const s = stateOf([...setup, linked("30000.00")])
    expect(s.lines.get("L-co-1")?.sourceLineId).toBe("L-proj-1")
    expect(s.carriedIn.get(carriedKey(2025, "L-proj-1"))).toBe("30000.00")
  })

  it("never carries more out of a line than its close, whatever the sequence of carryovers (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 8 }),
        (amounts) => {
          let state = stateOf(setup)
          amounts.forEach((a, i) => {
            const ev = linked(`${a}.00`, "L-proj-1", `L-co-${i}`)
            if (Result.isSuccess(decideEvent(ev, state, with2025))) state = fold([{ event: ev }], state)
          })
          const carried = state.carriedIn.get(carriedKey(2025, "L-proj-1")) ?? Money.zero
          return Money.compare(carried, Money.make("30000.00")) <= 0
        },
      ),
    )
  })
})
