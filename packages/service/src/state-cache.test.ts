/**
 * The state cached per stream head is the state a full re-fold gives (without provenance refs, which
 * the write checks never read), whoever wrote in between — also after the service advanced it with its
 * own appends;
 * and a write checked against it still meets the store's version check when another writer got
 * there first. Two services on one store stand for two API processes.
 */
import { Expected, makeMemoryEventStore } from "@ledger/eventstore"
import type { EventStoreShape, StoredEvent } from "@ledger/eventstore"
import { BudgetState } from "@ledger/domain"
import { fixtureText } from "@ledger/projections/testing"
import { Effect, Exit } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { bodyOf, toLogged } from "./events.ts"
import { makeLedgerService } from "./ledger-service.ts"
import { makeStateCache, type StreamSnapshot } from "./state-cache.ts"

const lines = fixtureText()
  .trimEnd()
  .split("\n")
  .map((l) => JSON.parse(l) as { type: string; stream: { department: string; year: number } })
  // Publications are made only by the publish operation, never appended as events.
  .filter((e) => e.type !== "DisclosurePublished")
const { department, year } = lines[0]?.stream ?? { department: "", year: 0 }
const streamId = `${department}/${year}`
const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e)

/** The snapshot is what a full re-fold of `stored` gives, with every key's body and every id. */
const expectRefold = (cached: StreamSnapshot, stored: ReadonlyArray<StoredEvent>) => {
  expect(cached.version).toBe(stored.length)
  // The domain's fold without provenance refs (what the write checks read).
  expect(cached.state).toEqual(BudgetState.fold(stored.map((e) => ({ event: toLogged(e).event }))))
  for (const e of stored) {
    expect(cached.bodyOf(e.idempotencyKey)).toBe(bodyOf(e))
    expect(cached.hasEventId(e.eventId)).toBe(true)
  }
  expect(cached.bodyOf("never-used")).toBeUndefined()
}

/** A store that counts the events its stream reads return. */
const counting = (store: EventStoreShape) => {
  let read = 0
  const counted: EventStoreShape = {
    ...store,
    readStream: (id, options) =>
      Effect.map(store.readStream(id, options), (events) => {
        read += events.length
        return events
      }),
  }
  return { store: counted, read: () => read }
}

describe("the state cached per stream head", () => {
  it("equals a full re-fold after any split of the log between two writers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: lines.length - 1 }), { maxLength: 6 }),
        async (cuts) => {
          const store = makeMemoryEventStore()
          const writers = [makeLedgerService(store), makeLedgerService(store)]
          const { current } = makeStateCache(store)
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), lines.length]
          for (let i = 0; i + 1 < bounds.length; i++) {
            const writer = writers[i % 2] ?? writers[0]
            if (writer === undefined) throw new Error("no writer")
            await run(
              writer.append({
                department,
                year,
                events: lines.slice(bounds[i], bounds[i + 1]),
                idempotencyKey: `chunk-${i}`,
              }),
            )
            const cached = await run(current(streamId))
            const stored = await run(store.readStream(streamId))
            expectRefold(cached, stored)
          }
        },
      ),
      { numRuns: 12 },
    )
  })

  it("lets the store refuse a stale expected version, and checks rules against the other writer's events", async () => {
    const store = makeMemoryEventStore()
    const a = makeLedgerService(store)
    const b = makeLedgerService(store)
    const cut1 = 20
    const cut2 = 40
    await run(a.append({ department, year, events: lines.slice(0, cut1), idempotencyKey: "a1" }))
    await run(b.append({ department, year, events: lines.slice(cut1, cut2), idempotencyKey: "b1" }))
    // A's cache holds version 20; the stream is at 40: an expectation of 20 is refused.
    const stale = await Effect.runPromiseExit(
      a.append({
        department,
        year,
        events: lines.slice(cut2),
        expectedVersion: Expected.exact(cut1),
        idempotencyKey: "a2",
      }),
    )
    expect(Exit.isFailure(stale) && JSON.stringify(stale.cause)).toContain("StreamVersionConflict")
    // The right expectation passes, its events checked against B's as well.
    const ok = await run(
      a.append({
        department,
        year,
        events: lines.slice(cut2),
        expectedVersion: Expected.exact(cut2),
        idempotencyKey: "a3",
      }),
    )
    expect(ok.streams[0]?.toVersion).toBe(lines.length)
  })

  it("is advanced by the service's own appends, equal to a full re-fold, whatever another writer or a retry does in between", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: lines.length - 1 }), { maxLength: 8 }),
        fc.array(fc.constantFrom("own", "other", "retry"), { minLength: 9, maxLength: 9 }),
        async (cuts, who) => {
          const memory = makeMemoryEventStore()
          const { store, read } = counting(memory)
          const cache = makeStateCache(store)
          const own = makeLedgerService(store, { stateCache: cache })
          const other = makeLedgerService(memory)
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), lines.length]
          for (let i = 0; i + 1 < bounds.length; i++) {
            const by = who[i] ?? "own"
            const events = lines.slice(bounds[i], bounds[i + 1])
            const writer = by === "other" ? other : own
            await run(writer.append({ department, year, events, idempotencyKey: `chunk-${i}` }))
            // A retry: the same events again under a new request key (all skipped as stored).
            if (by === "retry")
              await run(own.append({ department, year, events, idempotencyKey: `again-${i}` }))
            const before = read()
            const cached = await run(cache.current(streamId))
            const stored = await run(memory.readStream(streamId))
            expectRefold(cached, stored)
            // After its own append the cache reads back the last written event alone.
            if (by === "own") expect(read() - before).toBe(1)
          }
        },
      ),
      { numRuns: 15 },
    )
  })

  it("sees an append by another process between two writes (its rules run against it)", async () => {
    const memory = makeMemoryEventStore()
    const a = makeLedgerService(memory)
    const b = makeLedgerService(memory)
    const cut = 30
    await run(a.append({ department, year, events: lines.slice(0, cut), idempotencyKey: "a1" }))
    await run(b.append({ department, year, events: lines.slice(cut, cut + 10), idempotencyKey: "b1" }))
    // B's events, re-sent to A with another body under the same keys, are refused: A saw them.
    const changed = lines.slice(cut, cut + 1).map((l) => ({ ...l, occurredAt: "2026-12-31" }))
    const refused = await Effect.runPromiseExit(
      a.append({ department, year, events: changed, idempotencyKey: "a2" }),
    )
    expect(Exit.isFailure(refused) && JSON.stringify(refused.cause)).toContain("IdempotencyConflict")
    const ok = await run(a.append({ department, year, events: lines.slice(cut + 10), idempotencyKey: "a3" }))
    expect(ok.streams[0]?.fromVersion).toBe(cut + 11)
  })
})
