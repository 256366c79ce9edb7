/**
 * The canonical JSON writer: RFC 8785 rules (key order by UTF-16 code units, number and string
 * forms), agreement with a naive reference writer on random JSON values, the two treatments of
 * `undefined` members, and errors that name the path of the offending member.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  canonicalBytes,
  canonicalize,
  canonicalizeStrict,
  hashOf,
  NotCanonicalJson,
  sha256Hex,
} from "./CanonicalJson.ts"

/**
 * Reference: the straightforward writer this module had before it was made fast — sort the keys,
 * drop undefined members, let JSON.stringify write every key and primitive.
 */
const reference = (v: unknown): string => {
  if (Array.isArray(v)) return "[" + v.map(reference).join(",") + "]"
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
    return "{" + keys.map((k) => JSON.stringify(k) + ":" + reference(o[k])).join(",") + "}"
  }
  return JSON.stringify(v)
}

// Strings that exercise the quoting fast path and every escape: ASCII, CJK, controls, quotes,
// backslashes and paired surrogates (emoji).
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({
    unit: fc.constantFrom("a", '"', "\\", "\n", "\u0000", "\u001f", "\u007f", "预", "算", "😂", "/", "€"),
  }),
)
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    text,
    fc.array(tie("value")),
    fc.dictionary(text, tie("value")),
  ),
})).value

describe("canonicalize", () => {
  it("sorts keys by UTF-16 code units at every depth and drops whitespace", () => {
    expect(canonicalize({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    )
    // RFC 8785 §3.2.3: "\r" < "1" < "€" (U+20AC) < "😂" (U+D83D U+DE02) — code units, not code points.
    expect(canonicalize({ "\u20ac": 1, "\r": 2, "\ud83d\ude02": 3, "1": 4, "\ufb33": 5 })).toBe(
      '{"\\r":2,"1":4,"\u20ac":1,"\ud83d\ude02":3,"\ufb33":5}',
    )
  })

  it("writes numbers as ECMAScript does (RFC 8785 §3.2.2.3) and strings with minimal escapes", () => {
    expect(canonicalize([1e21, 1e-7, -0, 0.1 + 0.2, 333333333.3333333, 100, -5])).toBe(
      "[1e+21,1e-7,0,0.30000000000000004,333333333.3333333,100,-5]",
    )
    expect(canonicalize('\u0000\u001f\n"\\/é预算😂')).toBe('"\\u0000\\u001f\\n\\"\\\\/é预算😂"')
    expect(canonicalize({ 'k"\\': "v" })).toBe('{"k\\"\\\\":"v"}')
    // arrays of primitives take one native write; a `\\u` in the text itself is not a lone surrogate
    expect(canonicalize(["\\ud800", "😂", 1, -0, true, null])).toBe('["\\\\ud800","😂",1,0,true,null]')
    expect(canonicalize([["a", 1], null, [["b", { d: 1, c: 2 }]]])).toBe(
      '[["a",1],null,[["b",{"c":2,"d":1}]]]',
    )
  })

  it("agrees byte for byte with the naive reference writer on random JSON values", () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalize(value)).toBe(reference(value))
        expect(canonicalizeStrict(value)).toBe(reference(value))
      }),
      { numRuns: 500 },
    )
  })

  it("is a fixed point of parse-then-canonicalize", () => {
    fc.assert(
      fc.property(json, (value) => {
        const once = canonicalize(value)
        expect(canonicalize(JSON.parse(once))).toBe(once)
      }),
    )
  })

  it("sorts objects that share a key order the same way, and those that only share a first key apart", () => {
    const objects = [
      { b: 1, a: 2 },
      { b: 3, a: 4 },
      { b: 5, c: 6, a: 7 },
      { b: 8, a: 9, c: 10 },
      { b: 11, c: 12, a: 13 },
    ]
    expect(canonicalize(objects)).toBe(reference(objects))
  })

  it("leaves out undefined members, while the strict form refuses them naming the member", () => {
    expect(canonicalize({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}')
    expect(() => canonicalizeStrict({ a: 1, b: { c: undefined } })).toThrow(
      new NotCanonicalJson("$.b.c", "undefined is not JSON"),
    )
  })

  it("refuses what has no JSON form, naming the path, in both forms", () => {
    for (const write of [canonicalize, canonicalizeStrict]) {
      expect(() => write({ a: [1, Number.NaN] })).toThrow(
        new NotCanonicalJson("$.a[1]", "number is not finite"),
      )
      expect(() => write([1, undefined])).toThrow("$[1]: undefined is not JSON")
      expect(() => write({ a: 1n })).toThrow("$.a: bigint is not JSON")
      expect(() => write({ d: new Date(0) })).toThrow("$.d: only plain objects are JSON")
      expect(() => write({ s: ["ok", "\ud800x"] })).toThrow("$.s[1]: string contains a lone surrogate")
      expect(() => write({ s: [["ok"], ["\ud800x"]] })).toThrow("$.s[1][0]: string contains a lone surrogate")
      expect(() => write([["ok", [Infinity]]])).toThrow("$[0][1][0]: number is not finite")
      expect(() => write({ "\udc00": 1 })).toThrow("$: a key contains a lone surrogate")
      expect(() => write({ f: () => 1 }, "doc")).toThrow("doc.f: function is not JSON")
    }
    expect(() => canonicalize(Infinity)).toThrow(NotCanonicalJson)
  })

  it("hashes the canonical text, so key order does not change a hash", () => {
    expect(hashOf({ b: [1, "二"], a: null })).toBe(hashOf({ a: null, b: [1, "二"] }))
    expect(hashOf({ a: null, b: [1, "二"] })).toBe(sha256Hex('{"a":null,"b":[1,"二"]}'))
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  })

  it("gives the same text as bytes and as a hash, on random values", () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalize(value)
        expect(Buffer.from(canonicalBytes(value)).toString("utf8")).toBe(text)
        expect(hashOf(value)).toBe(sha256Hex(text))
      }),
      { numRuns: 300 },
    )
  })

  it("encodes every UTF-8 length, short and long strings alike, in arrays and as members", () => {
    // 1 byte (ASCII, DEL), 2 bytes (é, ©), 3 bytes (预, €), 4 bytes (a surrogate pair), a mix, an escape.
    const pieces = ["a", "\u007f", "é", "©", "预", "€", "😂", "x预é", '"', "\n"]
    const strings = pieces.flatMap((p) => [1, 31, 63, 64, 65, 200].map((n) => p.repeat(n)))
    const ids = Array.from({ length: 40 }, (_, i) => `100003001-20805${String(i).padStart(2, "0")}-30108`)
    const value = {
      strings,
      mixed: [ids, ["208", "社会保障和就业支出", "198,400", null, 3, true], [[...ids], null, []]],
      members: Object.fromEntries(strings.map((s, i) => [`k${String(i)}`, s])),
    }
    const text = canonicalize(value)
    expect(text).toBe(reference(value))
    expect(Buffer.from(canonicalBytes(value)).toString("utf8")).toBe(text)
    expect(hashOf(value)).toBe(sha256Hex(text))
    expect(JSON.parse(text)).toEqual(value)
  })

  it("survives a getter that canonicalizes while the writer is busy, and large values that grow the buffer", () => {
    const inner = { z: 1, y: ["预算"] }
    const outer = {
      b: 2,
      get a() {
        return canonicalize(inner)
      },
    }
    expect(canonicalize(outer)).toBe(`{"a":${JSON.stringify('{"y":["预算"],"z":1}')},"b":2}`)
    const big = Array.from({ length: 5000 }, (_, i) => ({
      ["k" + String(i % 7)]: "预算".repeat(i % 50),
      n: i,
    }))
    expect(canonicalize(big)).toBe(reference(big))
    expect(canonicalize({ after: "small" })).toBe('{"after":"small"}')
  })
})
