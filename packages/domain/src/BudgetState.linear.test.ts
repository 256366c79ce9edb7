/**
 * The linear fold against the fold it replaced (copy-on-every-event, kept in
 * testing-fixtures/legacy-fold): same state for every event sequence, however it is cut, and no
 * input state is ever modified.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type * as E from "./BudgetEvent.ts"
import { type EventRef, evolve, fold, folder, initialState } from "./BudgetState.ts"
import * as A from "./testing-fixtures/arbitraries.ts"
import { legacyEvolve, legacyFold } from "./testing-fixtures/legacy-fold.ts"

const withRefs = (es: ReadonlyArray<E.BudgetEvent>) =>
  es.map((event, i): { event: E.BudgetEvent; ref: EventRef } => ({
    event,
    ref: { version: i + 1, position: 100 + i, eventId: `e${i}` },
  }))
const bare = (es: ReadonlyArray<E.BudgetEvent>) => es.map((event) => ({ event }))
/** Long streams where the same few lines are adjusted over and over (what made replay quadratic). */
const longEvents = fc.array(A.event, { minLength: 50, maxLength: 300 })

describe("linear fold = legacy fold", () => {
  it("gives the same state for every event sequence, with and without refs", () => {
    fc.assert(
      fc.property(fc.oneof(A.events, longEvents), (es) => {
        expect(fold(withRefs(es))).toEqual(legacyFold(withRefs(es)))
        expect(fold(bare(es))).toEqual(legacyFold(bare(es)))
      }),
      { numRuns: 150 },
    )
  })

  it("gives the same state when folding resumes from a state the legacy fold built, and leaves that state untouched", () => {
    fc.assert(
      fc.property(A.events, A.events, (first, rest) => {
        const middle = legacyFold(bare(first))
        const snapshot = structuredClone(middle)
        expect(fold(bare(rest), middle)).toEqual(legacyFold(bare(rest), middle))
        expect(middle).toEqual(snapshot)
      }),
    )
  })

  it("evolve step by step equals the legacy evolve step by step, and every intermediate state stays as it was", () => {
    fc.assert(
      fc.property(A.events, (es) => {
        let s = initialState
        let legacy = initialState
        const states: Array<[unknown, unknown]> = []
        for (const e of es) {
          s = evolve(s, e)
          legacy = legacyEvolve(legacy, e)
          states.push([s, structuredClone(s)])
          expect(s).toEqual(legacy)
        }
        for (const [state, snapshot] of states) expect(state).toEqual(snapshot)
      }),
    )
  })

  it("a running fold exposes the same state after each event as the legacy fold, and its results are never written again", () => {
    fc.assert(
      fc.property(A.events, fc.nat(), (es, cut) => {
        const k = es.length === 0 ? 0 : cut % (es.length + 1)
        const run = folder()
        es.slice(0, k).forEach((e, i) => {
          run.apply(e)
          expect(run.state()).toEqual(legacyFold(bare(es.slice(0, i + 1))))
        })
        const half = run.done()
        const halfSnapshot = structuredClone(half)
        for (const e of es.slice(k)) run.apply(e)
        expect(run.done()).toEqual(legacyFold(bare(es)))
        expect(half).toEqual(halfSnapshot)
      }),
    )
  })
})
