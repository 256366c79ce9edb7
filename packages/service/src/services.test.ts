/**
 * The service's Effect services and their time: `LedgerService` and `KeyRing` come from layers over
 * one `EventStore`, and key creation, revocation and the key ring's cache read the Effect `Clock`
 * (driven here by `TestClock`), never the wall clock.
 */
import { EventStore, layerMemory } from "@ledger/eventstore"
import { Effect, Layer } from "effect"
import { TestClock } from "effect/testing"
import { describe, expect, it } from "vitest"
import { createKey, listKeys, revokeKey } from "./keys.ts"
import { KeyRing, LedgerService } from "./services.ts"

const live = Layer.provideMerge(Layer.mergeAll(LedgerService.layer, KeyRing.layer), layerMemory)
const run = <A, E>(effect: Effect.Effect<A, E, LedgerService | KeyRing | EventStore | TestClock.TestClock>) =>
  Effect.runPromise(Effect.provide(effect, Layer.merge(live, TestClock.layer())))

const MARCH = Date.parse("2026-03-01T08:00:00.000Z")

describe("LedgerService and KeyRing layers", () => {
  it("share the runtime's one store: an import through the service is what the key ring's store holds", async () => {
    const streams = await run(
      Effect.gen(function* () {
        const service = yield* LedgerService
        const store = yield* EventStore
        yield* createKey(store, { role: "auditor", departments: [] })
        const departments = yield* service.departments()
        return { departments, streams: yield* store.listStreams() }
      }),
    )
    expect(streams.departments).toEqual([])
    expect(streams.streams.map((s) => s.streamId)).toEqual(["_system/keys"])
  })
})

describe("keys read the Effect Clock", () => {
  it("stamps creation and revocation with the Clock's time", async () => {
    const keys = await run(
      Effect.gen(function* () {
        const store = yield* EventStore
        yield* TestClock.setTime(MARCH)
        const created = yield* createKey(store, { role: "writer", departments: ["002"] })
        expect(created.createdAt).toBe("2026-03-01T08:00:00.000Z")
        yield* TestClock.adjust("1 hour")
        yield* revokeKey(store, created.keyId)
        return yield* Effect.flatMap(store.readStream("_system/keys"), (events) =>
          Effect.succeed(events.map((e) => e.occurredAt)),
        )
      }),
    )
    expect(keys).toEqual(["2026-03-01T08:00:00.000Z", "2026-03-01T09:00:00.000Z"])
  })

  it("the key ring sees a key made elsewhere once its cache is older than the refresh interval", async () => {
    const outcome = await run(
      Effect.gen(function* () {
        const store = yield* EventStore
        const ring = yield* KeyRing
        yield* TestClock.setTime(MARCH)
        const first = yield* createKey(store, { role: "auditor", departments: [] })
        expect(yield* ring.authenticate(first.secret)).toBeDefined()
        // Another process revokes it; this ring has not been told (no invalidate).
        yield* revokeKey(store, first.keyId)
        const cached = yield* ring.authenticate(first.secret)
        yield* TestClock.adjust("6 seconds")
        const refreshed = yield* ring.authenticate(first.secret)
        return { cached, refreshed, listed: yield* listKeys(store) }
      }),
    )
    expect(outcome.cached?.role).toBe("auditor")
    expect(outcome.refreshed).toBeUndefined()
    expect(outcome.listed.map((k) => k.revoked)).toEqual([true])
  })
})
