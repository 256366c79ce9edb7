/**
 * `toLogged` memoises decodes by canonical text: a hit gives exactly what a fresh decode gives, a
 * stored event whose fields disagree with what was decoded is decoded again (and can fail), a
 * failed decode is never remembered, the memory is bounded, and a service without the memo (a
 * one-pass rebuild) builds the same disclosure.
 */
import { readFileSync } from "node:fs"
import { makeMemoryEventStore, type StoredEvent } from "@ledger/eventstore"
import { AsOf } from "@ledger/projections"
import { fixturePath } from "@ledger/projections/testing"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeToLogged } from "./events.ts"
import { makeLedgerService } from "./ledger-service.ts"

const imported = async () => {
  const store = makeMemoryEventStore()
  const service = makeLedgerService(store)
  await Effect.runPromise(
    service.importNdjson(readFileSync(fixturePath, "utf8"), { idempotencyKey: "fixture" }),
  )
  return { store, service }
}

const stored = async (): Promise<ReadonlyArray<StoredEvent>> =>
  Effect.runPromise((await imported()).store.readStream("002/2026"))

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

  it("keeps at most `capacity` decodes, dropping the least recently used", async () => {
    const events = await stored()
    const toLogged = makeToLogged(2)
    const [a, b, c] = events
    if (a === undefined || b === undefined || c === undefined) throw new Error("no events")
    const ea = toLogged(a).event
    const eb = toLogged(b).event
    expect(toLogged(a).event).toBe(ea) // still cached, and now the most recently used
    toLogged(c) // a third decode: b, the least recently used, goes
    expect(toLogged(a).event).toBe(ea)
    expect(toLogged(b).event).not.toBe(eb)
    expect(toLogged(b).event).toEqual(eb)
  })

  it("remembers nothing with capacity 0", async () => {
    const [a] = await stored()
    if (a === undefined) throw new Error("no events")
    const toLogged = makeToLogged(0)
    const first = toLogged(a)
    expect(toLogged(a).event).not.toBe(first.event)
    expect(toLogged(a)).toEqual(first)
  })

  it("gives the same disclosure through a service without the memo (a one-pass rebuild)", async () => {
    const { store, service } = await imported()
    const onePass = makeLedgerService(store, { decodeMemo: false })
    const withMemo = await Effect.runPromise(service.disclosure("002", 2026, AsOf.current))
    const without = await Effect.runPromise(onePass.disclosure("002", 2026, AsOf.current))
    expect(without).toEqual(withMemo)
  })
})
