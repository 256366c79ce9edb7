/**
 * Determinism: the same events give byte-identical JSON and the same documentHash, and the tables
 * do not depend on the order of the events that commute (reference facts and appropriations
 * recorded before publication).
 */
import fc from "fast-check"
import { CanonicalJson, type Envelope } from "@ledger/domain"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { AsOf } from "./as-of.ts"
import { buildDisclosure, disclosureJson } from "./disclosure.ts"
import type { Disclosure } from "./disclosure-schema.ts"
import { fixturePath, readNdjson } from "./testing/fixture.ts"
import { toLogged } from "./testing/logged.ts"

const envelopes = readNdjson(fixturePath)
const build = (es: ReadonlyArray<Envelope.EnvelopedEvent>, asOf: AsOf = AsOf.current): Disclosure => {
  const r = buildDisclosure(toLogged(es), asOf)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

describe("determinism", () => {
  it("same events → byte-identical JSON and the same documentHash", () => {
    const a = build(envelopes)
    const b = build(readNdjson(fixturePath))
    expect(disclosureJson(a)).toBe(disclosureJson(b))
    expect(a.documentHash).toBe(b.documentHash)
    const { documentHash, ...body } = a
    expect(documentHash).toBe(CanonicalJson.hashOf(body))
  })

  it("the hash changes when a single figure changes", () => {
    const bumped = envelopes.map((e) =>
      e.event.type === "AppropriationRecorded" && e.event.data.line.lineId === "002002-02-c"
        ? {
            ...e,
            event: {
              ...e.event,
              data: { ...e.event.data, line: { ...e.event.data.line, amount: "10000.01" } },
            },
          }
        : e,
    )
    expect(build(bumped).documentHash).not.toBe(build(envelopes).documentHash)
  })

  it("tables do not depend on the order of the events before publication", () => {
    const cut = envelopes.findIndex((e) => e.event.type === "DisclosurePublished")
    const before = envelopes.slice(0, cut)
    const after = envelopes.slice(cut)
    const expected = JSON.stringify(build(envelopes).tables)
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...before.keys()], { minLength: before.length, maxLength: before.length }),
        (order) => {
          const shuffled = [...order.map((i) => before[i] as Envelope.EnvelopedEvent), ...after]
          expect(JSON.stringify(build(shuffled).tables)).toBe(expected)
        },
      ),
      { numRuns: 15 },
    )
  })
})
