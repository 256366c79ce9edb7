/**
 * `prepareAppend` writes each event's members once and splices the envelope in. The stored
 * content and the body hash must stay byte for byte what canonicalizing the whole objects gives
 * (every stored hash depends on it), so these tests compare against that plain form.
 */
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { canonicalize } from "./canonical-json.ts"
import { sha256Hex } from "./hash.ts"
import { prepareAppend } from "./prepare.ts"

const text = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.constantFrom("recordedAt", "streamId", "schemaVersion", "type", "预算", "😂", 'a"b\\c'),
)
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    text,
    fc.array(tie("value")),
    fc.dictionary(text, tie("value")),
  ),
})).value

const event = fc.record(
  {
    eventId: text,
    type: text,
    schemaVersion: fc.integer({ min: 1, max: 9 }),
    occurredAt: fc.constantFrom("2026-01-01", "2026-11-29T12:00:00.000Z"),
    actor: text,
    idempotencyKey: text,
    data: json,
    metadata: fc.dictionary(text, json),
  },
  { requiredKeys: ["eventId", "type", "schemaVersion", "occurredAt", "actor", "idempotencyKey", "data"] },
)

const recordedAtMs = Date.UTC(2026, 10, 29, 12, 0, 0, 7)

describe("prepareAppend", () => {
  it("stores exactly the canonical text of the event with its envelope, and hashes the canonical body", () => {
    fc.assert(
      fc.property(
        text,
        fc.uniqueArray(event, { minLength: 1, maxLength: 4, selector: (e) => e.idempotencyKey }),
        (streamId, events) => {
          const prepared = prepareAppend(
            { streamId, expectedVersion: { _tag: "Any" }, events },
            { idempotencyKey: "k" },
            recordedAtMs,
          )
          if (Result.isFailure(prepared)) throw new Error(String(prepared.failure))
          const recordedAt = new Date(recordedAtMs).toISOString()
          const stored = prepared.success.streams[0]?.events ?? []
          expect(stored).toHaveLength(events.length)
          events.forEach((ev, i) => {
            expect(stored[i]?.content).toBe(canonicalize({ ...ev, streamId, recordedAt }))
            expect(stored[i]?.bodyHash).toBe(sha256Hex(canonicalize(ev)))
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  it("still names the member that is not JSON", () => {
    const bad = {
      streamId: "s",
      expectedVersion: { _tag: "Any" },
      events: [
        {
          eventId: "e",
          type: "T",
          schemaVersion: 1,
          occurredAt: "2026-01-01",
          actor: "a",
          idempotencyKey: "k",
          data: {},
          metadata: undefined,
        },
      ],
    }
    const prepared = prepareAppend(bad, { idempotencyKey: "k" }, recordedAtMs)
    expect(Result.isFailure(prepared) && prepared.failure).toMatchObject({
      _tag: "InvalidEvent",
      path: "requests[0].events[0].metadata",
    })
  })
})
