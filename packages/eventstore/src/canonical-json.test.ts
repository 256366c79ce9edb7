/** RFC 8785 canonicalisation: the published test vectors' rules, rejections, and a round-trip property. */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { canonicalize, NotCanonicalJson } from "./canonical-json.ts"

describe("canonicalize", () => {
  it("sorts keys by UTF-16 code units at every depth and drops whitespace", () => {
    expect(canonicalize({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    )
    // RFC 8785 §3.2.3 example: "\u20ac" (€) sorts after "\r" and before the surrogate pair "😂".
    expect(canonicalize({ "\u20ac": 1, "\r": 2, "\ud83d\ude02": 3, "1": 4 })).toBe(
      '{"\\r":2,"1":4,"€":1,"😂":3}',
    )
  })

  it("formats numbers as ECMAScript does (RFC 8785 §3.2.2.3)", () => {
    expect(canonicalize([1e21, 1e-7, -0, 0.1 + 0.2, 333333333.3333333, 100])).toBe(
      "[1e+21,1e-7,0,0.30000000000000004,333333333.3333333,100]",
    )
  })

  it("escapes strings minimally", () => {
    expect(canonicalize('\u0000\u001f\n"\\/é')).toBe('"\\u0000\\u001f\\n\\"\\\\/é"')
  })

  it("rejects values that have no JSON form, naming the path", () => {
    expect(() => canonicalize({ a: [1, Number.NaN] })).toThrow(
      new NotCanonicalJson("$.a[1]", "number is not finite"),
    )
    expect(() => canonicalize({ a: Infinity })).toThrow(NotCanonicalJson)
    expect(() => canonicalize({ a: undefined })).toThrow("$.a: undefined is not JSON")
    expect(() => canonicalize({ a: 1n })).toThrow("bigint is not JSON")
    expect(() => canonicalize({ d: new Date(0) })).toThrow("only plain objects")
    expect(() => canonicalize("\ud800x")).toThrow("lone surrogate")
  })

  it("is a fixed point of parse-then-canonicalize and agrees with JSON.parse", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value)
        expect(canonicalize(JSON.parse(text))).toBe(text)
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)))
      }),
    )
  })
})
