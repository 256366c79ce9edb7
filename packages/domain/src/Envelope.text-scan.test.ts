/**
 * The decoder's quick scan for NUL characters and surrogates skips the field-by-field walk only
 * when that walk would find nothing: for any JSON value placed in an event (strings drawn from all
 * of UTF-16, lone surrogates and NULs included, in values and in keys), the NUL and Unicode issues
 * `decodeEvent` lists are exactly those the walk alone lists.
 */
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Envelope from "./Envelope.ts"
import * as S from "./testing-fixtures/samples.ts"

const note = S.oneOfEach.find((e) => e.type === "NarrativeNoteRecorded")
if (note === undefined) throw new Error("the samples have no NarrativeNoteRecorded")

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The walk as it was before the quick scan: every string and key looked at, with its path. */
const walk = (value: unknown, path: ReadonlyArray<string>, issues: Array<Envelope.FieldIssue>): void => {
  if (typeof value === "string") {
    if (value.includes("\u0000"))
      issues.push({ path: path.join("."), message: "must not contain a NUL character" })
    if (LONE_SURROGATE.test(value))
      issues.push({ path: path.join("."), message: "must be valid Unicode (it holds a lone surrogate)" })
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, String(i)], issues))
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000"))
        issues.push({
          path: [...path, k.replaceAll("\u0000", "\\u0000")].join("."),
          message: "a field name must not contain a NUL character",
        })
      if (LONE_SURROGATE.test(k))
        issues.push({ path: path.join("."), message: "a field name must be valid Unicode" })
      walk(v, [...path, k], issues)
    }
  }
}

const textIssue = (i: Envelope.FieldIssue) => /NUL character|valid Unicode/.test(i.message)
const aString = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string(),
  fc.constantFrom("\u0000", "a\uD800", "\uDC00b", "\uD83D\uDE00", "预算"),
)
const aValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    aString,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(aString, tie("value"), { maxKeys: 3 }),
  ),
})).value

describe("the quick scan for NUL and surrogates", () => {
  it("lists exactly the NUL and Unicode issues the full walk lists", () => {
    fc.assert(
      fc.property(aValue, aString, (value, key) => {
        const input = { ...S.wire(note), extra: value, [key]: value }
        const expected: Array<Envelope.FieldIssue> = []
        walk(input, [], expected)
        const r = Envelope.decodeEvent(input)
        const got = Result.isFailure(r) ? r.failure.issues.filter(textIssue) : []
        expect(got).toEqual(expected)
      }),
      { numRuns: 1_000 },
    )
  })
})
