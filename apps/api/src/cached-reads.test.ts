/**
 * A disclosure the documents cache answers at once does not wait for a replay slot: with the cap
 * and queue full of replays held on a slow store, the cached current and published documents still
 * answer 200, while an uncached point is refused with 503 as before.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeMemoryEventStore, type EventStoreShape } from "@ledger/eventstore"
import { makeHarness } from "./testing-fixtures/harness.ts"

const D = "/v1/departments/002/years/2026"

/** A memory store whose department streams can be held (reads wait) and released. */
const heldStore = () => {
  const memory = makeMemoryEventStore()
  let gate: Promise<void> = Promise.resolve()
  let open: () => void = () => undefined
  const store: EventStoreShape = {
    ...memory,
    readStream: (...args: Parameters<EventStoreShape["readStream"]>) =>
      args[0].startsWith("_system/")
        ? memory.readStream(...args)
        : Effect.flatMap(
            Effect.promise(() => gate),
            () => memory.readStream(...args),
          ),
  }
  return {
    store,
    hold: () => void (gate = new Promise<void>((resolve) => (open = resolve))),
    release: () => open(),
  }
}

describe("cached disclosures and the admission gate", () => {
  it("answers a cached current or published document while every replay slot and the queue are taken", async () => {
    const held = heldStore()
    const h = await makeHarness({
      store: held.store,
      admission: { maxConcurrent: 1, maxQueue: 1, deadlineMs: 60_000, retryAfterSec: 3 },
      headTtlMs: 600_000,
    })
    const auth = { key: h.keys.auditor }
    const current = await h.call(`${D}/disclosure`, auth)
    const published = await h.call(`/v1/public/departments/002/years/2026/disclosure`)
    expect([current.status, published.status]).toEqual([200, 200])
    held.hold()
    const running = h.call(`${D}/disclosure?asOf=5`, auth)
    const queued = h.call(`${D}/disclosure?asOf=6`, auth)
    await new Promise((r) => setTimeout(r, 20))
    expect((await h.call(`${D}/disclosure?asOf=7`, auth)).status).toBe(503)
    const again = await h.call(`${D}/disclosure`, auth)
    expect(again.status).toBe(200)
    expect(again.headers.get("etag")).toBe(current.headers.get("etag"))
    const publicAgain = await h.call(`/v1/public/departments/002/years/2026/disclosure`)
    expect(publicAgain.status).toBe(200)
    expect(publicAgain.headers.get("etag")).toBe(published.headers.get("etag"))
    // A cached answer still passes the route's own checks: a writer of another department is refused.
    expect((await h.call(`${D}/disclosure`, { key: h.keys.otherWriter })).status).toBe(403)
    // A read with a consistency token asks the store, so it queues like any replay.
    expect((await h.call(`${D}/disclosure?minPosition=1`, auth)).status).toBe(503)
    held.release()
    expect((await running).status).toBe(200)
    expect((await queued).status).toBe(200)
  })
})
