/**
 * `toLogged` memoises decodes by canonical text: a hit gives exactly what a fresh decode gives, a
 * stored event whose fields disagree with what was decoded is decoded again (and can fail), a
 * failed decode is never remembered, and the memory is bounded.
 */
import { readFileSync } from "node:fs"
import { makeMemoryEventStore, type StoredEvent } from "@ledger/eventstore"
import { fixturePath } from "@ledger/projections/testing"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeToLogged } from "./events.ts"
import { makeLedgerService } from "./ledger-service.ts"

const stored = async (): Promise<ReadonlyArray<StoredEvent>> => {
  const store = makeMemoryEventStore()
  const service = makeLedgerService(store)
  await Effect.runPromise(
    service.importNdjson(readFileSync(fixturePath, "utf8"), { idempotencyKey: "fixture" }),
  )
  return Effect.runPromise(store.readStream("002/2026"))
}

describe("toLogged", () => {
  it("gives the same logged events from the cache as from a fresh decode", async () => {
    const events = await stored()
    const cached = makeToLogged()
    const first = events.map(cached)
    const copies = events.map((e) => ({ ...e })) // new objects, same canonical texts: all hits
    const again = copies.map(cached)
    const uncached = events.map(makeToLogged(0))
    expect(first).toEqual(uncached)
    expect(again).toEqual(uncached)
    expect(again[5]?.event).toBe(first[5]?.event) // the decoded event itself was reused
    expect(uncached[5]?.event).not.toBe(first[5]?.event)
  })

  it("decodes again when a field disagrees with what was decoded, so a bad event still fails", async () => {
    const [profile] = await stored()
    if (profile === undefined) throw new Error("no events")
    const toLogged = makeToLogged()
    toLogged(profile)
    const mislabelled = { ...profile, type: "NoSuchEvent" }
    expect(() => toLogged(mislabelled)).toThrow(/stored event 002\/2026@1 does not decode/)
    expect(() => toLogged(mislabelled)).toThrow(/does not decode/) // the failure was not cached
    expect(toLogged(profile).event.type).toBe(profile.type)
  })

  it("keeps at most `capacity` decodes, dropping the oldest", async () => {
    const events = await stored()
    const toLogged = makeToLogged(2)
    const [a, b, c] = events
    if (a === undefined || b === undefined || c === undefined) throw new Error("no events")
    const ea = toLogged(a).event
    toLogged(b)
    expect(toLogged(a).event).toBe(ea) // still cached
    toLogged(c) // evicts a, the oldest entry
    expect(toLogged(a).event).not.toBe(ea)
    expect(toLogged(a).event).toEqual(ea)
  })
})
