/**
 * The fold continuing a long stream (more lines and adjustment ids than the fold copies: its
 * persistent tries) against the legacy fold: the same state for every continuation however it is
 * cut, no input state ever modified, `lineOf`/`hasAdjustment` answering as the maps do, and the
 * state an ordinary value (a structured clone — what a replay worker posts — equals it).
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type * as E from "./BudgetEvent.ts"
import {
  type BudgetState,
  type EventRef,
  evolve,
  fold,
  folder,
  hasAdjustment,
  initialState,
  lineOf,
} from "./BudgetState.ts"
import * as A from "./testing-fixtures/arbitraries.ts"
import { legacyEvolve, legacyFold } from "./testing-fixtures/legacy-fold.ts"
import * as S from "./testing-fixtures/samples.ts"

/** L1–L3 (the arbitraries' L4–L6 stay free to be added later) and 400 adjustments of them. */
const longPrefix: ReadonlyArray<E.BudgetEvent> = [
  S.unitU1,
  ...["L1", "L2", "L3"].map((lineId) => S.appropriation(S.basicLine({ lineId, amount: "1000.00" }))),
  ...Array.from({ length: 400 }, (_, i) =>
    S.amountChange(`L${(i % 3) + 1}`, i % 2 === 0 ? "1.00" : "-1.00", `LONG-${i}`),
  ),
]
const withRefs = (es: ReadonlyArray<E.BudgetEvent>, from = 0) =>
  es.map((event, i): { event: E.BudgetEvent; ref: EventRef } => ({
    event,
    ref: { version: from + i + 1, position: 100 + from + i, eventId: `e${from + i}` },
  }))
const long = fold(withRefs(longPrefix))
const legacyLong = legacyFold(withRefs(longPrefix))

const ids = ["L1", "L2", "L3", "L4", "L5", "L6", "L7"]
const adjustmentIds = ["A1", "A2", "A5", "A8", "LONG-0", "LONG-399", "LONG-400"]
/** `lineOf`/`hasAdjustment` (which read the tries, never the maps a state keeps once built) against `expected`'s maps. */
const expectSameAnswers = (s: BudgetState, expected: BudgetState = s): void => {
  for (const id of ids) expect(lineOf(s, id)).toEqual(expected.lines.get(id))
  for (const id of adjustmentIds) expect(hasAdjustment(s, id)).toBe(expected.adjustments.has(id))
}

describe("fold continuing a long stream = legacy fold", () => {
  it("starts from a state equal to the legacy one, which reads, clones and answers as the maps do", () => {
    expect(long).toEqual(legacyLong)
    expect(structuredClone(long)).toEqual(legacyLong)
    expect([...long.lines.keys()]).toEqual([...legacyLong.lines.keys()])
    expect([...long.adjustments]).toEqual([...legacyLong.adjustments])
    expectSameAnswers(long)
  })

  it("gives the same state for every continuation, and leaves the long state untouched", () => {
    const snapshot = structuredClone(long)
    fc.assert(
      fc.property(A.events, (rest) => {
        const refs = withRefs(rest, longPrefix.length)
        const s = fold(refs, long)
        expect(s).toEqual(legacyFold(refs, legacyLong))
        expectSameAnswers(s)
        expect(structuredClone(s)).toEqual(s)
      }),
      { numRuns: 60 },
    )
    expect(long).toEqual(snapshot)
    expectSameAnswers(long, legacyLong)
  })

  it("evolve step by step from it equals the legacy evolve, and every intermediate state stays as it was", () => {
    fc.assert(
      fc.property(A.events, (es) => {
        let s = long
        let legacy = legacyLong
        const states: Array<[BudgetState, unknown]> = []
        for (const e of es) {
          s = evolve(s, e)
          legacy = legacyEvolve(legacy, e)
          states.push([s, structuredClone(s)])
          expect(s).toEqual(legacy)
          expectSameAnswers(s)
        }
        for (const [state, snapshot] of states) expect(state).toEqual(snapshot)
      }),
      { numRuns: 40 },
    )
  })

  it("a running fold from it, cut anywhere, exposes the legacy state after each event and never writes its results again", () => {
    fc.assert(
      fc.property(A.events, A.events, (first, rest) => {
        const run = folder(long)
        first.forEach((e, i) => {
          run.apply(e)
          expect(run.state()).toEqual(
            legacyFold(
              first.slice(0, i + 1).map((event) => ({ event })),
              legacyLong,
            ),
          )
        })
        const half = run.done() // not read until the rest is applied: its tries are what is checked
        for (const e of rest) run.apply(e)
        const all = [...first, ...rest].map((event) => ({ event }))
        expect(run.done()).toEqual(legacyFold(all, legacyLong))
        const legacyHalf = legacyFold(
          first.map((event) => ({ event })),
          legacyLong,
        )
        expectSameAnswers(half, legacyHalf)
        expect(half).toEqual(legacyHalf)
      }),
      { numRuns: 40 },
    )
  })

  it("continues as well from a long state built elsewhere (plain maps), and the two answers agree", () => {
    fc.assert(
      fc.property(A.events, (rest) => {
        const plain: BudgetState = { ...legacyLong }
        expect(
          fold(
            rest.map((event) => ({ event })),
            plain,
          ),
        ).toEqual(
          fold(
            rest.map((event) => ({ event })),
            long,
          ),
        )
      }),
      { numRuns: 40 },
    )
    expect(fold([], initialState)).toEqual(initialState)
  })
})
