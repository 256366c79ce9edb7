/**
 * Given/When/Then for the budget stream decider: `given(events).when(command).then(events | errorTag)`.
 * The given events are facts, folded with `evolve` without being re-decided.
 *
 * @module testing-fixtures/given
 */
import { Result } from "effect"
import { expect } from "vitest"
import type { BudgetCommand } from "../BudgetCommand.ts"
import type * as E from "../BudgetEvent.ts"
import { type BudgetState, fold } from "../BudgetState.ts"
import { type DecideContext, decide, decideEvent } from "../decide.ts"
import type { DomainError } from "../Errors.ts"
import * as Taxonomy from "../Taxonomy.ts"

/** The context the tests decide in: department D01, fiscal year 2026, the 2026 taxonomy. */
export const ctx2026: DecideContext = {
  taxonomy: Result.getOrThrow(Taxonomy.forYear(2026)),
  streamYear: 2026,
  department: "D01",
}

type Outcome = Result.Result<ReadonlyArray<E.BudgetEvent>, DomainError>

const then = (outcome: Outcome) => ({
  /** Expects exactly these events, or a failure with this error tag (and these fields). */
  then(
    expected: ReadonlyArray<E.BudgetEvent> | DomainError["_tag"],
    fields: Record<string, unknown> = {},
  ): void {
    if (typeof expected === "string") {
      expect(Result.isFailure(outcome), `expected ${expected}, got success`).toBe(true)
      if (Result.isFailure(outcome)) {
        expect(outcome.failure._tag).toBe(expected)
        expect(outcome.failure).toMatchObject(fields)
      }
    } else {
      if (Result.isFailure(outcome))
        throw new Error(`expected events, got ${outcome.failure._tag}: ${outcome.failure.message}`)
      expect(outcome.success).toEqual(expected)
    }
  },
})

/** Starts a specification from the given events. */
export const given = (events: ReadonlyArray<E.BudgetEvent>, ctx: DecideContext = ctx2026) => {
  const state: BudgetState = fold(events.map((event) => ({ event })))
  return {
    state,
    when: (command: BudgetCommand) => then(decide(command, state, ctx)),
    whenEvent: (event: E.BudgetEvent) => then(decideEvent(event, state, ctx)),
  }
}
