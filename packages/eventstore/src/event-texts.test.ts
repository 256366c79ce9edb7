/**
 * The texts written member by member from a decoded event's fields must be byte for byte what the
 * general writer (three canonicalized runs, the envelope spliced between them) gives, and a value
 * that is not JSON must fail naming the same member: every stored hash depends on these bytes.
 * `reference` is the general writer as it was before the member-by-member path existed.
 */
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { canonicalize, NotCanonicalJson } from "./canonical-json.ts"
import { NewEvent } from "./event.ts"
import { decodedEventTexts, eventTexts } from "./event-texts.ts"
import type { Envelope, EventTexts } from "./event-texts.ts"

const members = (text: string): string => text.slice(1, -1)
const joinMembers = (...runs: ReadonlyArray<string>): string => {
  let text = ""
  for (const run of runs) if (run !== "") text = text === "" ? run : `${text},${run}`
  return `{${text}}`
}
const reference = (event: object, path: string, envelope: Envelope): EventTexts => {
  if (Object.hasOwn(event, "recordedAt") || Object.hasOwn(event, "streamId")) {
    const { recordedAt: _r, streamId: _s, ...rest } = event as Record<string, unknown>
    return { body: canonicalize(event, path), content: reference(rest, path, envelope).content }
  }
  const before: Record<string, unknown> = {}
  const between: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(event)) {
    const target = key < "recordedAt" ? before : key < "streamId" ? between : after
    target[key] = value
  }
  const a = members(canonicalize(before, path))
  const b = members(canonicalize(between, path))
  const c = members(canonicalize(after, path))
  return {
    body: joinMembers(a, b, c),
    content: joinMembers(a, envelope.recordedAtMember, b, envelope.streamMember, c),
  }
}

/** What a call gives: its texts, or the path and message of the NotCanonicalJson it throws. */
const outcome = (run: () => EventTexts): EventTexts | { path: string; message: string } => {
  try {
    return run()
  } catch (error) {
    if (error instanceof NotCanonicalJson) return { path: error.path, message: error.message }
    throw error
  }
}

// Any UTF-16 text, lone surrogates, quotes, backslashes and control characters included.
const text = fc.oneof(
  fc.string({ unit: "binary", minLength: 1 }),
  fc.string({ minLength: 1 }),
  fc.constantFrom("预算", "😂", 'a"b\\c', "\\ud800", "\ud800", "\u0001", "recordedAt", "streamId"),
)
const notJson = fc.constantFrom(undefined, Number.NaN, Infinity, () => 1, new Date(0), 10n)
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    text,
    fc.array(tie("value")),
    fc.dictionary(text, tie("value")),
  ),
})).value
const maybeBad = <A>(arb: fc.Arbitrary<A>) =>
  fc.oneof({ weight: 9, arbitrary: arb }, { weight: 1, arbitrary: notJson })

const fields = {
  eventId: maybeBad(text),
  type: maybeBad(text),
  schemaVersion: maybeBad(fc.oneof(fc.integer({ min: 1 }), fc.double())),
  occurredAt: maybeBad(fc.oneof(fc.constantFrom("2026-01-01", "2026-11-29T12:00:00.000Z"), text)),
  actor: maybeBad(text),
  idempotencyKey: maybeBad(text),
  data: maybeBad(json),
  metadata: fc.oneof(fc.dictionary(text, maybeBad(json)), fc.constant(undefined)),
  // Keys the decoder never lets through: another member, or an envelope key of the event's own.
  extra: json,
  streamId: text,
  recordedAt: text,
}
const required = [
  "eventId",
  "type",
  "schemaVersion",
  "occurredAt",
  "actor",
  "idempotencyKey",
  "data",
] as const
const event = fc.oneof(
  fc.record(fields, { requiredKeys: [...required] }),
  fc.record(fields, { requiredKeys: [] }),
)
/** Events the decoder mostly accepts (a lone surrogate is still JSON to it), with keys it strips. */
const decodable = fc.record(
  {
    ...fields,
    eventId: text,
    type: text,
    schemaVersion: fc.integer({ min: 1 }),
    occurredAt: fc.constantFrom("2026-01-01", "2026-11-29T12:00:00Z", "2026-11-29T12:00:00.000Z"),
    actor: text,
    idempotencyKey: text,
    data: json,
    metadata: fc.dictionary(text, json),
  },
  { requiredKeys: [...required] },
)

const envelope = fc.record({
  streamMember: text.map((s) => `"streamId":${JSON.stringify(s)}`),
  recordedAtMember: fc.constantFrom(`"recordedAt":"\u0001"`, `"recordedAt":"2026-11-29T12:00:00.007Z"`),
})

const decode = Schema.decodeUnknownResult(NewEvent)

describe("eventTexts", () => {
  it("gives the general writer's texts, or fails naming the same member, for any object", () => {
    fc.assert(
      fc.property(event, envelope, (e, env) => {
        expect(outcome(() => eventTexts(e, "$.e", env))).toEqual(outcome(() => reference(e, "$.e", env)))
      }),
      { numRuns: 2000 },
    )
  })

  it("writes what the general writer writes for an object with hidden or inherited fields", () => {
    const env = { streamMember: `"streamId":"s"`, recordedAtMember: `"recordedAt":"\u0001"` }
    const fields = { eventId: "e", type: "T", schemaVersion: 1, occurredAt: "2026-01-01", data: 1 }
    const hidden = Object.defineProperty({ ...fields, idempotencyKey: "k", extra: 2 }, "actor", {
      value: "a",
      enumerable: false,
    })
    const inherited = Object.assign(Object.create({ actor: "a" }) as object, {
      ...fields,
      idempotencyKey: "k",
    })
    for (const e of [hidden, inherited])
      expect(outcome(() => eventTexts(e, "$", env))).toEqual(outcome(() => reference(e, "$", env)))
  })

  it("writes a decoded event's texts member by member exactly as the general writer does", () => {
    let written = 0
    fc.assert(
      fc.property(decodable, envelope, (e, env) => {
        const decoded = decode(e)
        if (Result.isFailure(decoded)) return
        // Undefined leaves the event to the general writer (a value that is not JSON, a `\\ud`).
        const fast = decodedEventTexts(decoded.success, env)
        if (fast === undefined) return
        written++
        expect(fast).toEqual(reference(decoded.success, "$", env))
      }),
      { numRuns: 3000 },
    )
    expect(written).toBeGreaterThan(1000)
  })
})
