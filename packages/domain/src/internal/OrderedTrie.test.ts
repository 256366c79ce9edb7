/**
 * The persistent trie against a native Map written the same way: same entries in the same order,
 * every earlier version unchanged by later writes, in-place writes only under their own token,
 * and keys of one 32-bit hash kept apart.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as Trie from "./OrderedTrie.ts"

/** Few keys (many overwrites) or many (deep tries). */
const writes = fc.oneof(
  fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e"), fc.integer()), { maxLength: 60 }),
  fc.array(fc.tuple(fc.integer({ min: 0, max: 5_000 }).map(String), fc.integer()), { maxLength: 1_500 }),
)

/** A trie of the entries, written without a token (so nothing may ever change it). */
const trieOf = (entries: ReadonlyArray<readonly [string, number]>): Trie.Trie<number> =>
  entries.reduce<Trie.Trie<number>>((t, [k, v]) => Trie.set(t, k, v), Trie.empty)

const expectSame = (t: Trie.Trie<number>, m: ReadonlyMap<string, number>): void => {
  expect([...Trie.toMap(t, (v) => v)]).toEqual([...m])
  expect(Trie.toSet(t)).toEqual(new Set(m.keys()))
  expect(t.size).toBe(m.size)
  for (const [k, v] of m) {
    expect(Trie.get(t, k)).toBe(v)
    expect(Trie.has(t, k)).toBe(true)
  }
  expect(Trie.has(t, "absent")).toBe(false)
  expect(Trie.get(t, "absent")).toBeUndefined()
}

describe("OrderedTrie", () => {
  it("holds what a Map holds, in insertion order, and never changes a version it returned", () => {
    fc.assert(
      fc.property(writes, (ws) => {
        const m = new Map<string, number>()
        let t: Trie.Trie<number> = Trie.empty
        const versions: Array<[Trie.Trie<number>, Map<string, number>]> = []
        for (const [k, v] of ws) {
          m.set(k, v)
          t = Trie.set(t, k, v)
          versions.push([t, new Map(m)])
        }
        expectSame(t, m)
        for (const [version, snapshot] of versions) expectSame(version, snapshot)
      }),
      { numRuns: 60 },
    )
  })

  it("writes in place only nodes of its own token: a trie shared before the token is left alone", () => {
    fc.assert(
      fc.property(writes, writes, (first, then) => {
        const shared = trieOf(first)
        const before = new Map(first)
        const owner = Trie.edit()
        let t = shared
        const m = new Map(before)
        for (const [k, v] of then) {
          t = Trie.set(t, k, v, owner)
          m.set(k, v)
        }
        expectSame(t, m)
        expectSame(shared, before)
      }),
      { numRuns: 60 },
    )
  })

  it("keeps apart, finds, overwrites and orders keys whose hashes are equal", () => {
    const seen = new Map<number, string>()
    let pair: [string, string] | undefined
    for (let i = 0; pair === undefined && i < 400_000; i++) {
      const k = `k${i}`
      const h = Trie.hashOf(k)
      const other = seen.get(h)
      if (other === undefined) seen.set(h, k)
      else pair = [other, k]
    }
    expect(pair).toBeDefined()
    const [a, b] = pair ?? ["", ""]
    const owner = Trie.edit()
    let t = Trie.set(Trie.set(Trie.set<number>(Trie.empty, "x", 0), a, 1), b, 2)
    const shared = t
    t = Trie.set(t, a, 3, owner)
    t = Trie.set(t, "y", 4, owner)
    t = Trie.set(t, b, 5)
    expectSame(
      t,
      new Map([
        ["x", 0],
        [a, 3],
        [b, 5],
        ["y", 4],
      ]),
    )
    expectSame(
      shared,
      new Map([
        ["x", 0],
        [a, 1],
        [b, 2],
      ]),
    )
  })
})
