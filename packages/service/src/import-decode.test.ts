/**
 * The import's decode gives `Envelope.decodeEvent`'s verdict, value and issues: on the fixtures'
 * events (every event type) and on them broken at a random place — a field replaced by any JSON
 * value, a NUL or a lone surrogate, a field removed, a field added. The verdicts of the interpreted
 * schemas are taken first, before the first decode compiles them, so the compiled decoders are held
 * to the interpreter, not to themselves.
 */
import { readFileSync } from "node:fs"
import { Envelope } from "@ledger/domain"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeWireEvent } from "./import-decode.ts"

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

describe("the import's decode of a wire event", () => {
  it("gives decodeEvent's value or issues, compiled as interpreted", () => {
    const texts = [...fixtures, ...fc.sample(sample, { numRuns: 4_000, seed: 1414 })]
    // Interpreted, before any decodeWireEvent compiles the schemas.
    const expected = texts.map((t) => verdict(Envelope.decodeEvent(JSON.parse(t))))
    expect(expected.filter((v) => "ok" in v).length).toBeGreaterThan(fixtures.length)
    expect(expected.filter((v) => "issues" in v).length).toBeGreaterThan(1_000)
    texts.forEach((t, i) => {
      expect(verdict(decodeWireEvent(JSON.parse(t), t)), t).toStrictEqual(expected[i])
    })
    // decodeEvent too now runs the compiled schemas: still the interpreter's verdicts.
    texts.forEach((t, i) => {
      expect(verdict(Envelope.decodeEvent(JSON.parse(t))), t).toStrictEqual(expected[i])
    })
  })
})
