/**
 * The import's hand-written `NewEvent` check gives the schema's verdict: on events built the way
 * the import builds them and on ones with every scalar field broken in turn, it accepts exactly
 * what `Schema.decodeUnknownResult(NewEvent)` accepts.
 */
import { NewEvent } from "@ledger/eventstore"
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { newEventProblem } from "./new-event-check.ts"

const decode = Schema.decodeUnknownResult(NewEvent)

/** A string the fields might hold: empty, plain, date-like, instant-like, or almost so. */
const aText = fc.oneof(
  fc.constant(""),
  fc.string(),
  fc.constantFrom(
    "2026-01-31",
    "2026-01-31T08:00:00Z",
    "2026-01-31T08:00:00.123Z",
    "2026-1-31",
    "2026-01-31T08:00Z",
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
)
const anything = fc.oneof(
  aText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
)
const aVersion = fc.oneof(
  fc.integer({ min: -2, max: 5 }),
  fc.double(),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
)

/** Mostly a valid value for the field, sometimes anything at all. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: fc.oneof(aText, anything), weight: 1 })
const aDate = fc.constantFrom("2026-01-31", "2026-01-31T08:00:00Z", "2026-01-31T08:00:00.123Z")

const candidate = fc.record(
  {
    eventId: mostly(fc.string({ minLength: 1 })),
    type: mostly(fc.string({ minLength: 1 })),
    schemaVersion: mostly(fc.integer({ min: 1, max: 9 })).chain((v) => fc.oneof(fc.constant(v), aVersion)),
    occurredAt: mostly(aDate),
    actor: mostly(fc.string({ minLength: 1 })),
    idempotencyKey: mostly(fc.string({ minLength: 1 })),
    data: fc.jsonValue(),
    metadata: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 4 },
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.constantFrom([1], "x", null),
    ),
  },
  { requiredKeys: ["data"] },
)

describe("newEventProblem", () => {
  it("accepts exactly what the NewEvent schema accepts", () => {
    let accepted = 0
    fc.assert(
      fc.property(candidate, (e) => {
        const schema = decode(e)
        const problem = newEventProblem(e)
        expect(problem === undefined).toBe(Result.isSuccess(schema))
        if (problem === undefined) accepted++
      }),
      { numRuns: 3_000 },
    )
    // Both verdicts were exercised, not only refusals.
    expect(accepted).toBeGreaterThan(0)
  })

  it("accepts a well-formed event without asking the schema, and refuses each broken field", () => {
    const good = {
      eventId: "evt-1",
      type: "UnitRegistered",
      schemaVersion: 1,
      occurredAt: "2026-10-09",
      actor: "budget-system:100001",
      idempotencyKey: "100001/2027/unit/1",
      data: { unitCode: "1" },
    }
    expect(newEventProblem(good)).toBeUndefined()
    expect(newEventProblem({ ...good, actor: "" })?.path).toBe("actor")
    expect(newEventProblem({ ...good, schemaVersion: 0 })?.path).toBe("schemaVersion")
    expect(newEventProblem({ ...good, occurredAt: "2026-10-9" })?.path).toBe("occurredAt")
    expect(newEventProblem({ ...good, eventId: "" })?.path).toBe("eventId")
  })
})
