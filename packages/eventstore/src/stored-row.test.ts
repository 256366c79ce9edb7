/** The hand-written row decoder must accept exactly what the StoredEvent schema accepts. */
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { canonicalize } from "./canonical-json.ts"
import { LedgerIntegrity } from "./errors.ts"
import { StoredEvent } from "./event.ts"
import { chainCanonical, sha256Hex } from "./hash.ts"
import { decodeStoredRow } from "./stored-row.ts"

const decodeWithSchema = Schema.decodeUnknownResult(StoredEvent)

/** The members of a StoredEvent, with `metadata` when the event has it. */
const storedMembers = (withMetadata: boolean): ReadonlyArray<string> => [
  "actor",
  "canonical",
  "data",
  "eventId",
  "hash",
  "idempotencyKey",
  ...(withMetadata ? ["metadata"] : []),
  "occurredAt",
  "position",
  "prevHash",
  "recordedAt",
  "schemaVersion",
  "streamId",
  "type",
  "version",
]

const eventArb = fc.record(
  {
    eventId: fc.string({ minLength: 1 }),
    type: fc.string({ minLength: 1 }),
    schemaVersion: fc.integer({ min: 1, max: 9 }),
    occurredAt: fc.constantFrom("2026-01-01", "2026-03-04T05:06:07Z", "2026-03-04T05:06:07.123Z"),
    actor: fc.string({ minLength: 1 }),
    idempotencyKey: fc.string({ minLength: 1 }),
    data: fc.jsonValue(),
    metadata: fc.dictionary(fc.string(), fc.jsonValue()),
    streamId: fc.string({ minLength: 1 }),
    recordedAt: fc.constant("2026-11-29T12:00:00.000Z"),
  },
  {
    requiredKeys: [
      "eventId",
      "type",
      "schemaVersion",
      "occurredAt",
      "actor",
      "idempotencyKey",
      "data",
      "streamId",
      "recordedAt",
    ],
  },
)

describe("decodeStoredRow", () => {
  it("yields what the StoredEvent schema accepts, for any well-formed event", () => {
    fc.assert(
      fc.property(eventArb, fc.integer({ min: 1, max: 1e6 }), (event, version) => {
        const canonical = chainCanonical(
          canonicalize(JSON.parse(JSON.stringify(event))),
          "0".repeat(64),
          version,
        )
        const decoded = decodeStoredRow({ position: 7, canonical, hash: sha256Hex(canonical) })
        const viaSchema = decodeWithSchema(decoded)
        expect(Result.isSuccess(viaSchema)).toBe(true)
        expect(decoded).toMatchObject({ version, position: 7, streamId: event.streamId })
        expect(Object.keys(decoded).sort()).toEqual(storedMembers(event.metadata !== undefined))
      }),
    )
  })

  it("drops members the writer never stores, as the schema would", () => {
    const event = {
      actor: "a",
      data: { n: 1 },
      eventId: "e",
      extra: "tampered",
      idempotencyKey: "k",
      occurredAt: "2026-01-01",
      recordedAt: "2026-11-29T12:00:00.000Z",
      schemaVersion: 1,
      streamId: "s",
      type: "t",
    }
    const canonical = chainCanonical(canonicalize(event), "0".repeat(64), 1)
    const decoded = decodeStoredRow({ position: 3, canonical, hash: "h" })
    expect(Object.keys(decoded).sort()).toEqual(storedMembers(false))
    expect(decoded).toMatchObject({ eventId: "e", data: { n: 1 }, position: 3, hash: "h", version: 1 })
  })

  it("refuses a row whose hashed text lacks a required field", () => {
    const canonical = chainCanonical('{"eventId":"e","type":"t"}', "0".repeat(64), 1)
    expect(() => decodeStoredRow({ position: 3, canonical, hash: "x" })).toThrow("position 3 is malformed")
  })

  it("refuses a row that is not JSON, or not an object, with LedgerIntegrity (broken history)", () => {
    const failure = (canonical: string): unknown => {
      try {
        decodeStoredRow({ position: 5, canonical, hash: "x" })
      } catch (e) {
        return e
      }
      return undefined
    }
    for (const canonical of ['{"event":{"eventId"', "null", "42", ""]) {
      const e = failure(canonical)
      expect(e).toBeInstanceOf(LedgerIntegrity)
      expect(e).toMatchObject({ position: 5, reason: "payload-modified", streamId: "(unreadable)" })
    }
    const named = failure('{"event":{"streamId":"002/2026"},"version":4}')
    expect(named).toMatchObject({ _tag: "LedgerIntegrity", streamId: "002/2026", version: 4, position: 5 })
  })
})
