/**
 * The fast decode (`decodeWireEvent`, the import's, the API's and a dry run's) gives
 * `decodeEvent`'s verdict, value and issues, with the line's text (an import) and without it (an
 * API batch): on the fixtures' events (every event type) and on them broken at a random place — a
 * field replaced by any JSON value, a NUL or a lone surrogate, a field removed, a field added, a
 * prototype key — and on arbitrary values, JSON or not. The verdicts of the interpreted schemas are
 * taken first, before the first fast decode compiles them, so the compiled decoders are held to the
 * interpreter, not to themselves.
 */
import { readFileSync } from "node:fs"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Envelope from "./Envelope.ts"
import { decodeWireEvent } from "./Envelope.ts"

const root = new URL("../../../fixtures/", import.meta.url)
const fixtures = [
  "tunliu-government-office/events.ndjson",
  "tunliu-government-office/events-2025.ndjson",
  "shanghai-putuo-chengguan/events.ndjson",
].flatMap((f) =>
  readFileSync(new URL(f, root), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== ""),
)

type Json = null | boolean | number | string | Array<Json> | { [k: string]: Json }

/** Every object or array inside `value` (itself included). */
const containers = (value: Json, out: Array<Array<Json> | { [k: string]: Json }> = []) => {
  if (typeof value === "object" && value !== null) {
    out.push(value)
    for (const v of Object.values(value)) containers(v, out)
  }
  return out
}

const oddText = fc.constantFrom("a\u0000b", "\uD800", "x\uDC00y", "😀", "\\u0041", "123.456", "", " ")
const anyValue: fc.Arbitrary<Json> = fc.oneof(fc.jsonValue() as fc.Arbitrary<Json>, oddText)
const aKey = fc.oneof(fc.string(), oddText, fc.constantFrom("__proto__", "constructor", "type", "data"))

/** A fixture line, as it is or broken at one place; `text` is the JSON text `value` parses from. */
const sample = fc
  .record({
    line: fc.nat({ max: fixtures.length - 1 }),
    change: fc.oneof(
      { arbitrary: fc.constant({ kind: "none" as const }), weight: 2 },
      fc.record({ kind: fc.constant("set" as const), at: fc.nat(), key: fc.nat(), value: anyValue }),
      fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), key: fc.nat() }),
      fc.record({ kind: fc.constant("add" as const), at: fc.nat(), name: aKey, value: anyValue }),
    ),
  })
  .map(({ line, change }) => {
    const original = fixtures[line] as string
    if (change.kind === "none") return original
    const value = JSON.parse(original) as Json
    const all = containers(value)
    const target = all[change.at % all.length] as Record<string, Json> | Array<Json>
    if (change.kind === "add")
      Object.defineProperty(target, change.name, {
        value: change.value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    else {
      const keys = Object.keys(target)
      const key = keys[change.key % Math.max(keys.length, 1)]
      if (key !== undefined && change.kind === "set") (target as Record<string, Json>)[key] = change.value
      else if (key !== undefined) delete (target as Record<string, Json>)[key]
    }
    return JSON.stringify(value)
  })

const verdict = (r: Result.Result<Envelope.EnvelopedEvent, Envelope.EventDecodeError>) =>
  Result.isSuccess(r) ? { ok: r.success } : { issues: r.failure.issues }

/** Any value at all (not only JSON): prototype keys, -0, NaN, huge and tiny numbers, undefined. */
const anything = fc.anything({
  key: aKey,
  withBigInt: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withBoxedValues: true,
})

/** A fixture event with one field (or one field of its data) set to any value at all. */
const poked = fc
  .record({
    line: fc.nat({ max: fixtures.length - 1 }),
    inData: fc.boolean(),
    key: fc.oneof(
      fc.constantFrom("stream", "eventId", "schemaVersion", "occurredAt", "type", "data", "amount", "line"),
      aKey,
    ),
    value: fc.oneof(
      anything,
      fc.double(),
      fc.constantFrom(
        1e308,
        -1e308,
        2 ** 53 + 1,
        Number.MAX_VALUE,
        1e-320,
        -0,
        "1e400",
        "99999999999999999999.99",
      ),
    ),
  })
  .map(({ line, inData, key, value }) => {
    const event = JSON.parse(fixtures[line] as string) as Record<string, unknown>
    const target =
      inData && typeof event["data"] === "object" ? (event["data"] as Record<string, unknown>) : event
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
    return event
  })

/** An event whose prototype carries an enumerable field: `decodeEvent` reads own fields only. */
const inherited = fc
  .record({ line: fc.nat({ max: fixtures.length - 1 }), key: aKey, value: anyValue })
  .map(({ line, key, value }) => {
    const proto: Record<string, unknown> = {}
    Object.defineProperty(proto, key, { value, enumerable: true, writable: true, configurable: true })
    return Object.assign(Object.create(proto) as object, JSON.parse(fixtures[line] as string) as object)
  })

const decodes = (value: unknown) => {
  let expected: unknown
  try {
    expected = verdict(Envelope.decodeEvent(value))
  } catch (e) {
    expected = { threw: String(e) }
  }
  let actual: unknown
  try {
    actual = verdict(decodeWireEvent(value))
  } catch (e) {
    actual = { threw: String(e) }
  }
  expect(actual).toStrictEqual(expected)
}

describe("the fast decode of a wire event", () => {
  it("gives decodeEvent's value or issues, with the text and without, compiled as interpreted", () => {
    const texts = [...fixtures, ...fc.sample(sample, { numRuns: 4_000, seed: 1414 })]
    const values = [
      ...fc.sample(poked, { numRuns: 2_000, seed: 1415 }),
      ...fc.sample(inherited, { numRuns: 300, seed: 1416 }),
      ...fc.sample(anything, { numRuns: 500, seed: 1417 }),
    ]
    // Interpreted, before any decodeWireEvent compiles the schemas.
    const expected = texts.map((t) => verdict(Envelope.decodeEvent(JSON.parse(t))))
    const expectedValues = values.map((v) => verdict(Envelope.decodeEvent(v)))
    expect(expected.filter((v) => "ok" in v).length).toBeGreaterThan(fixtures.length)
    expect(expected.filter((v) => "issues" in v).length).toBeGreaterThan(1_000)
    expect(expectedValues.filter((v) => "ok" in v).length).toBeGreaterThan(50)
    texts.forEach((t, i) => {
      expect(verdict(decodeWireEvent(JSON.parse(t), t)), t).toStrictEqual(expected[i])
      expect(verdict(decodeWireEvent(JSON.parse(t))), t).toStrictEqual(expected[i])
    })
    values.forEach((v, i) => {
      expect(verdict(decodeWireEvent(v))).toStrictEqual(expectedValues[i])
    })
    // decodeEvent too now runs the compiled schemas: still the interpreter's verdicts.
    texts.forEach((t, i) => {
      expect(verdict(Envelope.decodeEvent(JSON.parse(t))), t).toStrictEqual(expected[i])
    })
    values.forEach((v, i) => {
      expect(verdict(Envelope.decodeEvent(v))).toStrictEqual(expectedValues[i])
    })
  })

  it("agrees with decodeEvent on any event, broken or not, and on any value", () => {
    fc.assert(fc.property(fc.oneof(poked, inherited, anything), decodes), { numRuns: 1_000 })
    fc.assert(
      fc.property(sample, (t) => {
        expect(verdict(decodeWireEvent(JSON.parse(t), t))).toStrictEqual(
          verdict(Envelope.decodeEvent(JSON.parse(t))),
        )
      }),
      { numRuns: 1_000 },
    )
  })

  it("names the same field for the hostile inputs", () => {
    const base = JSON.parse(fixtures.find((l) => l.includes('"AppropriationRecorded"')) as string) as {
      data: { line: Record<string, unknown> }
    }
    const line = (v: Record<string, unknown>) => ({
      ...base,
      data: { ...base.data, line: { ...base.data.line, ...v } },
    })
    const cases: Array<[unknown, string]> = [
      [{ ...base, type: "__proto__" }, "type"],
      [{ ...base, type: "constructor" }, "type"],
      [{ ...base, idempotencyKey: "k\u0000" }, "idempotencyKey"],
      [{ ...base, eventId: "\uD800" }, "eventId"],
      [line({ amount: Infinity }), "data.line.amount"],
      [line({ amount: "1e400" }), "data.line.amount"],
      [line({ amount: 12 }), "data.line.amount"],
      [line({ amount: "99999999999999999999999999.99" }), "data.line.amount"],
      [line({ "a\u0000": 1 }), "data.line.a\\u0000"],
      [JSON.parse(`{"__proto__": {"x": 1}, ${JSON.stringify(base).slice(1)}`), "__proto__"],
      [{ ...base, schemaVersion: "1" }, "schemaVersion"],
      [[base], ""],
      [null, ""],
    ]
    // A symbol key is an excess property to the schemas; no JSON text has one, so no text here.
    for (const c of [
      { ...base, data: { ...base.data, [Symbol("x")]: 1 } },
      line({ [Symbol.iterator]: "x" }),
    ]) {
      expect(verdict(decodeWireEvent(c))).toStrictEqual(verdict(Envelope.decodeEvent(c)))
    }
    for (const [c, path] of cases) {
      const expected = verdict(Envelope.decodeEvent(c))
      expect(verdict(decodeWireEvent(c))).toStrictEqual(expected)
      const text = JSON.stringify(c)
      expect(verdict(decodeWireEvent(JSON.parse(text), text))).toStrictEqual(
        verdict(Envelope.decodeEvent(JSON.parse(text))),
      )
      expect("issues" in expected && expected.issues.map((i) => i.path), text).toContain(path)
    }
  })
})
