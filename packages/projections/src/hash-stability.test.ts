/**
 * Pins the reference fixture's document hashes, part by part, so a change made for speed (Money's
 * integer fast path, the canonical JSON writer, indexed table builders) cannot change one output
 * byte unnoticed. The hashes were computed by the code before those changes. When a part changes
 * on purpose (e.g. new narrative wording), update its pin and the document hash in the same commit
 * and say why; the failing part's name tells which pin that is.
 *
 * The document hash is also checked against an independent canonical writer (sorted keys,
 * JSON.stringify for every key and primitive), so the fast writer cannot drift for our values.
 */
import { createHash } from "node:crypto"
import { CanonicalJson } from "@ledger/domain"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "./as-of.ts"
import { buildDisclosure } from "./disclosure.ts"
import type { Disclosure } from "./disclosure-schema.ts"
import { fixturePath, readNdjson } from "./testing/fixture.ts"
import { toLogged } from "./testing/logged.ts"

const PINS = {
  Published: {
    document: "bdffb3d4e11efd82c9d7ac4d819259e77df96e7b4fcbd589b52a60882234b3af",
    tables: "105e1d59df8e1e235b15cb5b7f91e045ebd89da535bebd1811a816199a6d5812",
    narrative: "c97c243aad3c57e2e399782b2d71a3e1438fc65ccf20a1432dec54627e026406",
    performanceTargets: "b9e8909282203d3e32ecec66db13d44eac6ea7b96c18c320da5985f9a67848c5",
    overview: "e439f9586811cf9754bf6d3d9ab0664d6619af9b659708ea1940f0a1cdd220fe",
    glossary: "2fea9bdc4534d55af4c9e759823d862bdc9090e95e0b6a5597031da9608ca113",
    asOf: "d34f4f308e9e7a7238a0671f5c2e6f8e3d9f09d2c6bc7831b0d68fd94e2f0b31",
  },
  Current: {
    document: "1553af4f0d9562299ff581e79161413a3c1f18ec3b3f9757fb05be7643e678f5",
    tables: "7d84924f1f0b67f5a5261cbb78a46fea367684529ecb18b529c5c38d5fdcdee7",
    narrative: "a92bb3cf8e01222c4a634b648c11359d4bc748687e280ab686845e8b0d9bd5c6",
    performanceTargets: "b9e8909282203d3e32ecec66db13d44eac6ea7b96c18c320da5985f9a67848c5",
    overview: "e439f9586811cf9754bf6d3d9ab0664d6619af9b659708ea1940f0a1cdd220fe",
    glossary: "2fea9bdc4534d55af4c9e759823d862bdc9090e95e0b6a5597031da9608ca113",
    asOf: "59eda303931b3908c1c17c5a76574d8ac0c205c9717d034819962fd71f62ad25",
  },
} as const

const PARTS = ["tables", "narrative", "performanceTargets", "overview", "glossary", "asOf"] as const

/** A deliberately naive canonical writer (what CanonicalJson was before it was made fast). */
const naive = (v: unknown): string => {
  if (Array.isArray(v)) return "[" + v.map(naive).join(",") + "]"
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
    return "{" + keys.map((k) => JSON.stringify(k) + ":" + naive(o[k])).join(",") + "}"
  }
  return JSON.stringify(v)
}
const naiveHash = (v: unknown): string => createHash("sha256").update(naive(v), "utf8").digest("hex")

const events = toLogged(readNdjson(fixturePath))
const build = (asOf: AsOf): Disclosure => {
  const r = buildDisclosure(events, asOf)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

describe("hash stability of the reference disclosure", () => {
  for (const tag of ["Published", "Current"] as const) {
    const asOf: AsOf = tag === "Published" ? AsOf.published : AsOf.current
    describe(`as ${tag}`, () => {
      const doc = build(asOf)
      for (const part of PARTS) {
        it(`${part} hashes as pinned`, () => {
          expect(CanonicalJson.hashOf(doc[part])).toBe(PINS[tag][part])
        })
      }
      it("documentHash is as pinned and equals the hash of an independent canonical writer", () => {
        const { documentHash, ...body } = doc
        expect(documentHash).toBe(PINS[tag].document)
        expect(naiveHash(body)).toBe(documentHash)
      })
    })
  }
})
