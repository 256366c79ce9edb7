/**
 * The state cached per stream head is the state a full re-fold gives, whoever wrote in between;
 * and a write checked against it still meets the store's version check when another writer got
 * there first. Two services on one store stand for two API processes.
 */
import { Expected, makeMemoryEventStore } from "@ledger/eventstore"
import { foldLogged } from "@ledger/projections"
import { fixtureText } from "@ledger/projections/testing"
import { Effect, Exit } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { toLogged } from "./events.ts"
import { makeLedgerService } from "./ledger-service.ts"
import { makeStateCache } from "./state-cache.ts"

const lines = fixtureText()
  .trimEnd()
  .split("\n")
  .map((l) => JSON.parse(l) as { type: string; stream: { department: string; year: number } })
  // Publications are made only by the publish operation, never appended as events.
  .filter((e) => e.type !== "DisclosurePublished")
const { department, year } = lines[0]?.stream ?? { department: "", year: 0 }
const streamId = `${department}/${year}`
const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e)

describe("the state cached per stream head", () => {
  it("equals a full re-fold after any split of the log between two writers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: lines.length - 1 }), { maxLength: 6 }),
        async (cuts) => {
          const store = makeMemoryEventStore()
          const writers = [makeLedgerService(store), makeLedgerService(store)]
          const current = makeStateCache(store)
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
            expect(cached.state).toEqual(foldLogged(stored.map(toLogged)))
            expect(cached.bodies.size).toBe(stored.length)
            expect(cached.eventIds.size).toBe(stored.length)
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
})
