/**
 * `prepareEvent` makes for one event what `prepareAppend` makes for it on a database store: the
 * same body hash, canonical content (with the database clock's placeholder) and occurred key.
 */
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { NewEvent } from "./event.ts"
import { prepareAppend, prepareEvent } from "./prepare.ts"

const toNewEvent = Schema.decodeUnknownSync(NewEvent)

const anEvent = fc.record(
  {
    eventId: fc.string({ minLength: 1 }),
    type: fc.string({ minLength: 1 }),
    schemaVersion: fc.integer({ min: 1, max: 9 }),
    occurredAt: fc.constantFrom("2026-01-31", "2026-01-31T08:00:00Z", "2026-01-31T08:00:00.123Z"),
    actor: fc.string({ minLength: 1 }),
    idempotencyKey: fc.string({ minLength: 1 }),
    data: fc.jsonValue(),
    metadata: fc.dictionary(fc.string(), fc.jsonValue()),
  },
  { requiredKeys: ["eventId", "type", "schemaVersion", "occurredAt", "actor", "idempotencyKey", "data"] },
)

describe("prepareEvent", () => {
  it("is prepareAppend's preparation of the same event for a database store", () => {
    fc.assert(
      fc.property(anEvent, fc.string({ minLength: 1 }), (event, streamId) => {
        const whole = prepareAppend(
          [{ streamId, expectedVersion: { _tag: "Any" }, events: [event] }],
          { idempotencyKey: "k" },
          "database",
        )
        if (Result.isFailure(whole)) throw new Error(String(whole.failure))
        expect(prepareEvent(toNewEvent(event), streamId)).toEqual(whole.success.streams[0]?.events[0])
      }),
      { numRuns: 500 },
    )
  })
})
