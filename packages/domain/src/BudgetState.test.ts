import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type * as E from "./BudgetEvent.ts"
import { evolve, fold, initialState } from "./BudgetState.ts"
import * as Money from "./Money.ts"
import * as A from "./testing-fixtures/arbitraries.ts"
import * as S from "./testing-fixtures/samples.ts"

const wrap = (es: ReadonlyArray<E.BudgetEvent>) => es.map((event) => ({ event }))
const total = (s: ReturnType<typeof fold>) => Money.sum([...s.lines.values()].map((l) => l.amount))

describe("evolve (property tests)", () => {
  it("replaying the same events twice yields deep-equal state", () => {
    fc.assert(
      fc.property(A.events, (es) => {
        expect(fold(wrap(es))).toEqual(fold(wrap(es)))
      }),
    )
  })

  it("folding a prefix, then the rest from that state, equals folding everything", () => {
    fc.assert(
      fc.property(A.events, fc.nat(), (es, cut) => {
        const k = es.length === 0 ? 0 : cut % (es.length + 1)
        const middle = fold(wrap(es.slice(0, k)))
        expect(fold(wrap(es.slice(k)), middle)).toEqual(fold(wrap(es)))
      }),
    )
  })

  it("is total: never throws, counts every event in the version, leaves its input untouched", () => {
    fc.assert(
      fc.property(A.events, A.event, (es, e) => {
        const before = fold(wrap(es))
        const snapshot = structuredClone(before)
        const after = evolve(before, e)
        expect(after.version).toBe(es.length + 1)
        expect(before).toEqual(snapshot)
      }),
    )
  })

  it("a reclassification never changes the total; an amount change moves it by exactly its delta or not at all", () => {
    fc.assert(
      fc.property(A.events, A.event, (es, e) => {
        const before = fold(wrap(es))
        const after = evolve(before, e)
        if (e.type !== "AdjustmentRecorded") return
        const change = e.data.change
        if (change.kind === "reclassification") expect(total(after)).toBe(total(before))
        else if (before.lines.has(change.lineId))
          expect(total(after)).toBe(Money.add(total(before), Money.make(change.delta)))
        else expect(total(after)).toBe(total(before))
      }),
    )
  })

  it("every line's amount is the sum of its contributions", () => {
    fc.assert(
      fc.property(A.events, (es) => {
        for (const l of fold(wrap(es)).lines.values()) {
          expect(Money.sum(l.contributions.map((c) => c.amount))).toBe(l.amount)
          expect(l.line.amount).toBe(l.amount)
        }
      }),
    )
  })
})

describe("evolve (examples)", () => {
  it("keeps a reclassification whole when its target id is taken: neither leg applies", () => {
    const s = fold(
      wrap([
        S.unitU1,
        S.appropriation(S.basicLine({ lineId: "L1", amount: "100.00" })),
        S.appropriation(S.basicLine({ lineId: "L2", amount: "5.00" })),
      ]),
    )
    const after = evolve(s, S.reclassification("L1", S.basicLine({ lineId: "L2", amount: "40.00" })))
    expect(after.lines.get("L1")?.amount).toBe("100.00")
    expect(after.lines.get("L2")?.amount).toBe("5.00")
  })

  it("ignores an amount no decoded event can carry instead of throwing", () => {
    const s = evolve(initialState, S.appropriation(S.basicLine({ amount: "1e3" })))
    expect(s.lines.size).toBe(0)
    expect(s.version).toBe(1)
  })

  it("a carried line keeps its vintage and origin year through a reclassification", () => {
    const s = fold(
      wrap([S.unitU1, S.projectP1, S.carryover(S.projectLine({ lineId: "C1", amount: "300.00" }), 2024)]),
    )
    const after = evolve(s, S.reclassification("C1", S.projectLine({ lineId: "C2", amount: "100.00" })))
    expect(after.lines.get("C2")).toMatchObject({ vintage: "carryover", originYear: 2024, amount: "100.00" })
    expect(after.lines.get("C1")?.amount).toBe("200.00")
  })

  it("records who made each amount, in order", () => {
    const s = fold([
      {
        event: S.appropriation(S.basicLine({ lineId: "L1", amount: "10.00" })),
        ref: { version: 1, eventId: "e1" },
      },
      { event: S.amountChange("L1", "-4.00"), ref: { version: 2, eventId: "e2" } },
    ])
    expect(s.lines.get("L1")?.contributions.map((c) => [c.ref.eventId, c.type, c.amount])).toEqual([
      ["e1", "AppropriationRecorded", "10.00"],
      ["e2", "AdjustmentRecorded", "-4.00"],
    ])
  })
})
