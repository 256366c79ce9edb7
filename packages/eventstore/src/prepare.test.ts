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

  it("stores and hashes no key the schema does not know, an event's own envelope keys included", () => {
    const clean = {
      eventId: "e",
      type: "T",
      schemaVersion: 1,
      occurredAt: "2026-01-01",
      actor: "a",
      idempotencyKey: "k",
      data: { x: 1 },
    }
    const events = [{ ...clean, streamId: "other", recordedAt: "1999-01-01T00:00:00.000Z", extra: 1 }]
    // Twice: the first append compiles the decoder, the second runs the compiled one.
    for (let i = 0; i < 2; i++) {
      const prepared = prepareAppend(
        { streamId: "s", expectedVersion: { _tag: "Any" }, events },
        { idempotencyKey: "k" },
        recordedAtMs,
      )
      if (Result.isFailure(prepared)) throw new Error(String(prepared.failure))
      const stored = prepared.success.streams[0]?.events[0]
      const recordedAt = new Date(recordedAtMs).toISOString()
      expect(stored?.content).toBe(canonicalize({ ...clean, streamId: "s", recordedAt }))
      expect(stored?.bodyHash).toBe(sha256Hex(canonicalize(clean)))
    }
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

  it("hashes the request as the canonical text of its summary, for any streams and expected versions", () => {
    const expected = fc.oneof(
      fc.constant({ _tag: "Any" }),
      fc.constant({ _tag: "NoStream" }),
      fc.nat().map((version) => ({ _tag: "Exact", version })),
    )
    const request = fc.record({
      streamId: text,
      expectedVersion: expected,
      // Repeated events (same key and body) are dropped from the summary as from the append.
      events: fc
        .uniqueArray(event, { minLength: 1, maxLength: 3, selector: (e) => e.idempotencyKey })
        .chain((events) => fc.shuffledSubarray([...events, ...events], { minLength: events.length })),
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(request, { minLength: 1, maxLength: 3, selector: (r) => r.streamId }),
        (requests) => {
          const prepared = prepareAppend(requests, { idempotencyKey: "k" }, "database")
          if (Result.isFailure(prepared)) throw new Error(String(prepared.failure))
          const summary = prepared.success.streams.map((s) => ({
            streamId: s.streamId,
            expectedVersion: s.expectedVersion,
            events: s.events.map((e) => e.bodyHash),
          }))
          expect(prepared.success.requestHash).toBe(sha256Hex(canonicalize(summary)))
        },
      ),
      { numRuns: 300 },
    )
  })

  it("gives the hashes and texts pinned before writing them member by member", () => {
    const ev = (i: number, extra: Record<string, unknown> = {}) => ({
      eventId: `e-${i}`,
      type: "LineRecorded",
      schemaVersion: 1,
      occurredAt: i % 2 ? "2026-01-15" : "2026-01-15T08:30:00Z",
      actor: "预算科",
      idempotencyKey: `k-${i}`,
      data: { amount: "12.50", code: `C${i}`, note: 'a "q" \\ \u0007 😂', n: [1, -0, 2.5e-7, true, null] },
      ...extra,
    })
    const input = [
      {
        streamId: "dept-1/2026",
        expectedVersion: { _tag: "Exact", version: 3 },
        events: [ev(1), ev(2, { metadata: { source: "api", 键: 1 } }), ev(1)],
      },
      { streamId: "dept-2/2026", expectedVersion: { _tag: "NoStream" }, events: [ev(3)] },
      { streamId: 'odd "stream"', expectedVersion: { _tag: "Any" }, events: [ev(4)] },
    ]
    const digest = (recordedAt: number | "database") => {
      const p = prepareAppend(input, { idempotencyKey: "req-1" }, recordedAt)
      if (Result.isFailure(p)) throw new Error(String(p.failure))
      const events = p.success.streams.flatMap((s) => s.events)
      return {
        requestHash: p.success.requestHash,
        bodyHashes: events.map((e) => e.bodyHash),
        contents: sha256Hex(events.map((e) => e.content).join("\n")),
        dups: p.success.streams.map((s) => s.duplicatesInRequest),
      }
    }
    const pinned = {
      requestHash: "3798972b719c71660892bf867f2bc477e5ac964ea2515d25cac16e8ef3a8ff26",
      bodyHashes: [
        "b3815bb21b1719dddac29d922a67f9d79ccfdd671c43e5a7bcecd95b35cec715",
        "924c633cd87baad783ff32505a9afa45395c95226d39f463a40eff85f219b979",
        "830605d42bf524c805bc0c1edfc81db929d1ebdd2ff8bb5a16b27e79b9575bbb",
        "3f436892f7b223a31e512bdd2aed6c2d703bb1014dbad9f03f0889c53750fee6",
      ],
      dups: [1, 0, 0],
    }
    expect(digest("database")).toEqual({
      ...pinned,
      contents: "693470e7c8a895593758b4e1b01de14e371d0dce0b46ef92f62a4d8877cb8626",
    })
    expect(digest(recordedAtMs)).toEqual({
      ...pinned,
      contents: "c6452730330fe562bd931068af4234fc494f57f94f21c9060dbb46654e8e837f",
    })
  })
})
