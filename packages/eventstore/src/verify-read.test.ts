/**
 * The read-path chain check: it accepts every untampered read, whole or as a prefix, and names the
 * first event of a read whose text, order or linkage was changed behind the store's back.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Expected, makeMemoryEventStore, sha256Hex, verifyRead } from "./index.ts"
import type { StoredEvent } from "./index.ts"
import { events, freshKey, request, run } from "./testing/index.ts"

const stream = async (n: number): Promise<ReadonlyArray<StoredEvent>> => {
  const store = makeMemoryEventStore()
  await run(store.append(request("s/2026", Expected.noStream, events(n)), { idempotencyKey: freshKey() }))
  return run(store.readStream("s/2026"))
}

describe("verifyRead", () => {
  it("accepts every untampered read: the whole stream, any prefix, any suffix, with its head", async () => {
    const all = await stream(12)
    const last = all.at(-1)
    if (last === undefined) throw new Error("no events")
    expect(
      verifyRead(all, { version: last.version, hash: last.hash, position: last.position }),
    ).toBeUndefined()
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a]
        expect(verifyRead(all.slice(from, to))).toBeUndefined()
      }),
    )
  })

  it("names the event whose amount was changed behind the store's back", async () => {
    const all = await stream(5)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), (i) => {
        const tampered = all.map((e, j) =>
          j === i ? { ...e, canonical: e.canonical.replace(/"amount":"[^"]*"/, '"amount":"999.00"') } : e,
        )
        expect(verifyRead(tampered)).toMatchObject({
          ok: false,
          streamId: "s/2026",
          position: all[i]?.position,
          version: i + 1,
          reason: "payload-modified",
        })
      }),
    )
  })

  it("names a rebuilt event whose successor no longer links to it, a gap, and a cut tail against the head", async () => {
    const all = await stream(5)
    const [, second, third] = all
    if (second === undefined || third === undefined) throw new Error("no events")
    const canonical = second.canonical.replace(/"amount":"[^"]*"/, '"amount":"999.00"')
    const rebuilt = all.map((e) => (e === second ? { ...e, canonical, hash: sha256Hex(canonical) } : e))
    expect(verifyRead(rebuilt)).toMatchObject({ position: third.position, reason: "inserted" })
    expect(verifyRead(all.filter((e) => e !== second))).toMatchObject({
      position: third.position,
      reason: "event-deleted",
    })
    const last = all.at(-1)
    if (last === undefined) throw new Error("no events")
    expect(
      verifyRead(all.slice(0, 3), { version: last.version, hash: last.hash, position: last.position }),
    ).toMatchObject({ position: last.position, version: 5, reason: "event-deleted" })
    expect(verifyRead([{ ...second, version: 1 }])).toMatchObject({ reason: "inserted" })
  })
})
