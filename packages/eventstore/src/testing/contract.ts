/**
 * The contract every EventStore backend passes, unchanged: versions, conflicts, concurrency,
 * idempotency, multi-stream atomicity, ordered gap-safe reads, as-of reads and a clean verify.
 * Call it from a backend's test file: `runEventStoreContract("pglite", () => makeStore())`.
 */
import { Effect, Result } from "effect"
import { TestClock } from "effect/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Expected } from "../event.ts"
import type { StoredEvent } from "../event.ts"
import type { EventStoreShape } from "../event-store.ts"
import { GENESIS_HASH, sha256Hex } from "../hash.ts"
import { prepareAppend } from "../prepare.ts"
import { event, events, freshKey, freshStream, request, run, runError } from "./fixtures.ts"

/** Options of the contract run. */
export interface ContractOptions {
  /** Parallel writers in the concurrency tests (default 8). */
  readonly writers?: number
}

/** How long a committed event may take to show in `readAll` while other sessions write. @category constants */
const VISIBLE_WITHIN_MS = 20_000

/**
 * Registers the contract suite for one backend. `makeStore` is called once; tests isolate
 * themselves by unique stream ids, and the last test closes the store.
 * @category testing
 */
export const runEventStoreContract = (
  name: string,
  makeStore: () => Promise<EventStoreShape>,
  options: ContractOptions = {},
): void => {
  const writers = options.writers ?? 8
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStoreShape
    beforeAll(async () => {
      store = await makeStore()
    }, 60_000)
    afterAll(async () => {
      await run(store.close())
    })
    const append = (...args: Parameters<EventStoreShape["append"]>) => run(store.append(...args))
    const readStream = (id: string) => run(store.readStream(id))
    const ours = (list: ReadonlyArray<StoredEvent>, ids: ReadonlyArray<string>) =>
      list.filter((e) => ids.includes(e.streamId))
    /**
     * `readAll` until it holds `count` events of the streams `ids` (at most {@link VISIBLE_WITHIN_MS}).
     * A store that never lets a reader skip a position (PostgreSQL) shows a committed event only once
     * every write transaction that could still commit a lower position has ended — any session's, on
     * a shared server — so visibility is eventual; order and completeness are what is asserted.
     */
    const readAllHolding = async (
      ids: ReadonlyArray<string>,
      count: number,
      options: Parameters<EventStoreShape["readAll"]>[0] = {},
    ): Promise<ReadonlyArray<StoredEvent>> => {
      const deadline = Date.now() + VISIBLE_WITHIN_MS
      for (;;) {
        const all = await run(store.readAll(options))
        if (ours(all, ids).length >= count || Date.now() > deadline) return all
        await new Promise((r) => setTimeout(r, 20))
      }
    }

    it("appends gap-free versions with increasing positions and a hash chain", async () => {
      const s = freshStream()
      const result = await append(request(s, Expected.noStream, events(3)), { idempotencyKey: freshKey() })
      expect(result.streams).toEqual([{ streamId: s, fromVersion: 1, toVersion: 3, appended: 3, skipped: 0 }])
      expect(result.positions).toHaveLength(3)
      expect([...result.positions].sort((a, b) => a - b)).toEqual(result.positions)
      expect(new Set(result.positions).size).toBe(3)
      expect(result.firstPosition).toBe(result.positions[0])
      expect(result.lastPosition).toBe(result.positions[2])
      const more = await append(request(s, Expected.exact(3), events(2, 4)), { idempotencyKey: freshKey() })
      expect(more.streams[0]).toMatchObject({ fromVersion: 4, toVersion: 5 })
      expect(more.firstPosition).toBeGreaterThan(result.lastPosition ?? Infinity)
      const stored = await readStream(s)
      expect(stored.map((e) => e.version)).toEqual([1, 2, 3, 4, 5])
      expect(stored.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5])
      expect(stored[0]?.prevHash).toBe(GENESIS_HASH)
      stored.forEach((e, i) => {
        expect(sha256Hex(e.canonical)).toBe(e.hash)
        if (i > 0) expect(e.prevHash).toBe(stored[i - 1]?.hash)
        expect(e.streamId).toBe(s)
        expect(e.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
      })
      expect(await run(store.head(s))).toEqual({
        streamId: s,
        version: 5,
        position: more.lastPosition,
        hash: stored[4]?.hash,
      })
      expect((await readStream(s)).length).toBe(5)
      expect((await run(store.readStream(s, { fromVersion: 4 }))).map((e) => e.version)).toEqual([4, 5])
    })

    it("rejects a wrong expected version with a typed conflict carrying the actual version", async () => {
      const s = freshStream()
      await append(request(s, Expected.any, events(2)), { idempotencyKey: freshKey() })
      const wrong = await runError(
        store.append(request(s, Expected.exact(1), [event(9)]), { idempotencyKey: freshKey() }),
      )
      expect(wrong).toMatchObject({
        _tag: "StreamVersionConflict",
        streamId: s,
        actual: 2,
        expected: Expected.exact(1),
      })
      const exists = await runError(
        store.append(request(s, Expected.noStream, [event(9)]), { idempotencyKey: freshKey() }),
      )
      expect(exists).toMatchObject({ _tag: "StreamVersionConflict", actual: 2 })
      const missing = await runError(
        store.append(request(freshStream(), Expected.exact(4), [event(9)]), { idempotencyKey: freshKey() }),
      )
      expect(missing).toMatchObject({ _tag: "StreamVersionConflict", actual: 0 })
      expect((await readStream(s)).length).toBe(2)
      expect(await run(store.head("no-such-stream"))).toBeUndefined()
    })

    it("lets exactly one of several concurrent writers with the same expected version win", async () => {
      const s = freshStream()
      await append(request(s, Expected.noStream, [event(1)]), { idempotencyKey: freshKey() })
      const outcomes = await Promise.all(
        Array.from({ length: writers }, (_, w) =>
          Effect.runPromise(
            Effect.result(
              store.append(request(s, Expected.exact(1), [event(100 + w)]), {
                idempotencyKey: freshKey("race"),
              }),
            ),
          ),
        ),
      )
      const wins = outcomes.filter((o) => o._tag === "Success")
      const losses = outcomes.flatMap((o) => (o._tag === "Failure" ? [o.failure] : []))
      expect(wins).toHaveLength(1)
      expect(losses).toHaveLength(writers - 1)
      for (const loss of losses) expect(loss).toMatchObject({ _tag: "StreamVersionConflict", actual: 2 })
      expect((await readStream(s)).map((e) => e.version)).toEqual([1, 2])
    })

    it("replays the original result for a repeated key and body, and writes nothing", async () => {
      const s = freshStream()
      const key = freshKey()
      const body = request(s, Expected.noStream, events(2))
      const first = await append(body, { idempotencyKey: key })
      const again = await append(body, { idempotencyKey: key })
      expect(again).toEqual(first)
      expect((await readStream(s)).length).toBe(2)
    })

    it("keeps each request's hash under its key: the hash prepareAppend gives it", async () => {
      const s = freshStream()
      const key = freshKey()
      const body = request(s, Expected.noStream, events(2))
      await append(body, { idempotencyKey: key })
      const prepared = prepareAppend(body, { idempotencyKey: key }, 0)
      if (Result.isFailure(prepared)) throw prepared.failure
      expect(await run(store.storedRequestHash(key))).toBe(prepared.success.requestHash)
      expect(await run(store.storedRequestHash(freshKey()))).toBeUndefined()
      // A call that appended nothing (its events are stored already) is kept too.
      const again = freshKey()
      const same = { ...body, expectedVersion: Expected.any }
      await append(same, { idempotencyKey: again })
      const hash = prepareAppend(same, { idempotencyKey: again }, 0)
      if (Result.isFailure(hash)) throw hash.failure
      expect(await run(store.storedRequestHash(again))).toBe(hash.success.requestHash)
    })

    it("rejects a repeated key with a different body, writing nothing", async () => {
      const s = freshStream()
      const key = freshKey()
      await append(request(s, Expected.noStream, events(1)), { idempotencyKey: key })
      const other = freshStream()
      const error = await runError(
        store.append(request(other, Expected.noStream, events(1)), { idempotencyKey: key }),
      )
      expect(error).toMatchObject({ _tag: "IdempotencyConflict", key, scope: "append" })
      expect(await readStream(other)).toEqual([])
    })

    it("writes once when many concurrent requests share one key", async () => {
      const s = freshStream()
      const key = freshKey()
      const body = request(s, Expected.any, events(3))
      const results = await Promise.all(
        Array.from({ length: writers }, () => append(body, { idempotencyKey: key })),
      )
      for (const r of results) expect(r).toEqual(results[0])
      expect((await readStream(s)).map((e) => e.version)).toEqual([1, 2, 3])
    })

    it("skips events already stored under their key with the same body, and rejects a changed body", async () => {
      const s = freshStream()
      const batch = events(3)
      await append(request(s, Expected.noStream, batch), { idempotencyKey: freshKey() })
      const reimport = await append(request(s, Expected.noStream, batch), { idempotencyKey: freshKey() })
      expect(reimport.streams[0]).toMatchObject({ appended: 0, skipped: 3 })
      expect(reimport.positions).toEqual([])
      expect(reimport.firstPosition).toBeNull()
      const mixed = await append(request(s, Expected.exact(3), [batch[2] ?? event(3), event(4)]), {
        idempotencyKey: freshKey(),
      })
      expect(mixed.streams[0]).toMatchObject({ fromVersion: 4, toVersion: 4, appended: 1, skipped: 1 })
      const changed = { ...event(2), data: { n: 2, amount: "999.00" } }
      const error = await runError(
        store.append(request(s, Expected.any, [event(5), changed]), { idempotencyKey: freshKey() }),
      )
      expect(error).toMatchObject({ _tag: "IdempotencyConflict", key: "idem-2", scope: "event" })
      expect((await readStream(s)).length).toBe(4)
    })

    it("handles a key repeated inside one request: same body once, different body rejected", async () => {
      const s = freshStream()
      const one = event(1)
      const ok = await append(request(s, Expected.noStream, [one, one, event(2)]), {
        idempotencyKey: freshKey(),
      })
      expect(ok.streams[0]).toMatchObject({ appended: 2, skipped: 1 })
      const error = await runError(
        store.append(request(freshStream(), Expected.noStream, [event(7), { ...event(7), data: "other" }]), {
          idempotencyKey: freshKey(),
        }),
      )
      expect(error).toMatchObject({ _tag: "IdempotencyConflict", key: "idem-7", scope: "event" })
    })

    it("appends to several streams atomically", async () => {
      const a = freshStream()
      const b = freshStream()
      await append(request(b, Expected.noStream, [event(1)]), { idempotencyKey: freshKey() })
      const error = await runError(
        store.append([request(a, Expected.noStream, events(2)), request(b, Expected.noStream, [event(2)])], {
          idempotencyKey: freshKey(),
        }),
      )
      expect(error).toMatchObject({ _tag: "StreamVersionConflict", streamId: b, actual: 1 })
      expect(await readStream(a)).toEqual([])
      const ok = await append(
        [request(a, Expected.noStream, events(2)), request(b, Expected.exact(1), [event(2)])],
        {
          idempotencyKey: freshKey(),
        },
      )
      expect(ok.streams.map((x) => [x.streamId, x.fromVersion, x.toVersion])).toEqual([
        [a, 1, 2],
        [b, 2, 2],
      ])
      expect(ok.positions).toHaveLength(3)
      const all = ours(await readAllHolding([a, b], 4), [a, b])
      expect(all).toHaveLength(4)
      const written = all.filter((e) => !(e.streamId === b && e.version === 1)).map((e) => e.position)
      expect(written).toEqual([...ok.positions].sort((x, y) => x - y))
    })

    it("reads all events in strictly increasing position order, from a position, with a limit", async () => {
      const a = freshStream()
      const b = freshStream()
      const r1 = await append(request(a, Expected.noStream, events(2)), { idempotencyKey: freshKey() })
      const r2 = await append(request(b, Expected.noStream, events(2)), { idempotencyKey: freshKey() })
      const r3 = await append(request(a, Expected.exact(2), events(1, 3)), { idempotencyKey: freshKey() })
      const all = await readAllHolding([a, b], 5)
      const positions = all.map((e) => e.position)
      expect(positions).toEqual([...positions].sort((x, y) => x - y))
      expect(new Set(positions).size).toBe(positions.length)
      expect(ours(all, [a, b]).map((e) => e.position)).toEqual([
        ...r1.positions,
        ...r2.positions,
        ...r3.positions,
      ])
      const after = await readAllHolding([a, b], 3, { fromPosition: r1.lastPosition ?? 0 })
      expect(after.every((e) => e.position > (r1.lastPosition ?? 0))).toBe(true)
      expect(ours(after, [a, b]).map((e) => e.position)).toEqual([...r2.positions, ...r3.positions])
      const limited = await run(store.readAll({ fromPosition: (r1.firstPosition ?? 1) - 1, limit: 2 }))
      expect(limited.map((e) => e.position)).toEqual(r1.positions)
    })

    it("never lets a checkpointing reader skip an event while writers race", async () => {
      const streams = Array.from({ length: writers }, () => freshStream("gap"))
      const perWriter = 15
      const start = await run(store.readAll())
      let checkpoint = start.at(-1)?.position ?? 0
      const seen: Array<StoredEvent> = []
      let done = false
      let deadline = Infinity
      const reader = (async () => {
        for (;;) {
          const finished = done
          const batch = await run(store.readAll({ fromPosition: checkpoint, limit: 50 }))
          for (const e of batch) {
            expect(e.position).toBeGreaterThan(checkpoint)
            checkpoint = e.position
            seen.push(e)
          }
          // Writing is over: read on until every event is seen (or the visibility bound passes).
          if (finished && deadline === Infinity) deadline = Date.now() + VISIBLE_WITHIN_MS
          const complete = ours(seen, streams).length >= writers * perWriter
          if (finished && batch.length === 0 && (complete || Date.now() > deadline)) return
          if (batch.length === 0) await new Promise((r) => setTimeout(r, 1))
        }
      })()
      await Promise.all(
        streams.map(async (s) => {
          for (let i = 1; i <= perWriter; i++) {
            await append(request(s, Expected.exact(i - 1), [event(i)]), { idempotencyKey: freshKey() })
          }
        }),
      )
      done = true
      await reader
      const mine = ours(seen, streams)
      expect(mine).toHaveLength(writers * perWriter)
      expect(new Set(mine.map((e) => e.eventId)).size).toBe(writers * perWriter)
    })

    it("stamps recordedAt so that it never decreases along the log, whatever the writer's Clock says", async () => {
      const s = freshStream("clock")
      await append(request(s, Expected.noStream, [event(1)]), { idempotencyKey: freshKey() })
      // A writer whose Clock reads 1970 (TestClock) cannot back-date its append.
      await run(
        Effect.provide(
          store.append(request(s, Expected.exact(1), [event(2)]), { idempotencyKey: freshKey() }),
          TestClock.layer(),
        ),
      )
      const [first, second] = await readStream(s)
      expect(second?.recordedAt.localeCompare(first?.recordedAt ?? "")).toBeGreaterThanOrEqual(0)
      const log = await run(store.readAll())
      log.forEach((e, i) => {
        if (i > 0) expect(e.recordedAt >= (log[i - 1]?.recordedAt ?? "")).toBe(true)
      })
    })

    it("rejects invalid events with an error naming the field, writing nothing", async () => {
      const s = freshStream()
      const bad = await runError(
        store.append(request(s, Expected.noStream, [event(1), event(2, { occurredAt: "15/01/2026" })]), {
          idempotencyKey: freshKey(),
        }),
      )
      expect(bad).toMatchObject({ _tag: "InvalidEvent", path: "requests[0].events[1].occurredAt" })
      const empty = await runError(
        store.append(request(s, Expected.noStream, []), { idempotencyKey: freshKey() }),
      )
      expect(empty).toMatchObject({ _tag: "InvalidEvent", path: "requests[0].events" })
      const noKey = await runError(
        store.append(request(s, Expected.noStream, [event(1)]), { idempotencyKey: "" }),
      )
      expect(noKey).toMatchObject({ _tag: "InvalidEvent", path: "options.idempotencyKey" })
      const twice = await runError(
        store.append([request(s, Expected.any, [event(1)]), request(s, Expected.any, [event(2)])], {
          idempotencyKey: freshKey(),
        }),
      )
      expect(twice).toMatchObject({ _tag: "InvalidEvent", path: "requests[1].streamId" })
      expect(await readStream(s)).toEqual([])
    })

    it("lists streams with their heads", async () => {
      const s = freshStream("list")
      const r = await append(request(s, Expected.noStream, events(2)), { idempotencyKey: freshKey() })
      const listed = (await run(store.listStreams())).find((h) => h.streamId === s)
      expect(listed).toMatchObject({ streamId: s, version: 2, position: r.lastPosition })
      const ids = (await run(store.listStreams())).map((h) => h.streamId)
      expect(ids).toEqual([...ids].sort())
    })

    it("verifies every chain of untampered data", async () => {
      const result = await run(store.verify())
      expect(result).toMatchObject({ ok: true })
      if (result.ok) expect(result.checked).toBeGreaterThan(20)
    })

    it("fails with StoreUnavailable once closed", async () => {
      await run(store.close())
      const error = await runError(store.readAll())
      expect(error).toMatchObject({ _tag: "StoreUnavailable" })
      const appendError = await runError(
        store.append(request(freshStream(), Expected.any, [event(1)]), { idempotencyKey: freshKey() }),
      )
      expect(appendError).toMatchObject({ _tag: "StoreUnavailable" })
    })
  })
}
