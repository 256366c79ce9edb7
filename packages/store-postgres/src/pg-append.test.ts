/**
 * The append call writes its `text[]` parameters as literals itself; each must be exactly the
 * literal node-postgres writes for the array (or the array, left to node-postgres), so the server
 * parses the same elements whatever characters an id or key holds.
 */
import { createRequire } from "node:module"
import { describe, expect, it } from "vitest"
import { textArrayParam } from "./pg-append.ts"

/** node-postgres's own conversion of a parameter (lib/utils.js, which has no type declarations). */
const { prepareValue } = createRequire(import.meta.url)("pg/lib/utils.js") as {
  readonly prepareValue: (value: unknown) => unknown
}

const TRICKY = ['a"b', "a\\b", '\\"', "{x,y}", "NULL", "null", "", " ", ",", "预算", "😂", "\ud800", "\u0001"]

/** Texts of every kind: the tricky ones and random strings over a small alphabet holding them. */
const texts = (): ReadonlyArray<string> => {
  let seed = 14
  const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n
  const alphabet = ["a", "Z", "0", "-", '"', "\\", "{", "}", ",", " ", "预", "\u0000", "\ud83d"]
  const random = Array.from({ length: 200 }, () =>
    Array.from({ length: next(8) }, () => alphabet[next(alphabet.length)]).join(""),
  )
  return [...TRICKY, ...random]
}

describe("textArrayParam", () => {
  it("is the literal node-postgres writes for the same array", () => {
    const all = texts()
    const arrays = [
      [],
      ...all.map((t) => [t]),
      ...all.map((t, i) => [t, all[(i * 7) % all.length] ?? "", "x"]),
    ]
    for (const values of arrays) expect(prepareValue(textArrayParam(values))).toBe(prepareValue(values))
  })

  it("writes ids, keys and hashes as one literal", () => {
    expect(textArrayParam(["a-1", "line 2", "0f3c"])).toBe('{"a-1","line 2","0f3c"}')
    expect(textArrayParam([])).toBe("{}")
  })
})
