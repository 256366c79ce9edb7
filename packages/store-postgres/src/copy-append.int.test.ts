/**
 * The COPY path (migration 5) against a real PostgreSQL server: inside a transaction it keeps
 * `append`'s contract (versions, positions, chain, idempotent skips, conflicts), a rolled-back
 * transaction leaves nothing, and the database refuses staged rows whose chain or hash was forged
 * — the client cannot write around the checks.
 */
import { Effect } from "effect"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { pipeline } from "node:stream/promises"
import { Readable } from "node:stream"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Expected, prepareEvent, StoreUnavailable } from "@ledger/eventstore"
import type {
  AppendError,
  AppendRequest,
  AppendResult,
  EventStoreShape,
  PreparedEvent,
} from "@ledger/eventstore"
import { event, events, freshKey, freshStream, request, run } from "@ledger/eventstore/testing"
import { makePgEventStore } from "./pg-store.ts"
import type { TransactionalEventStore } from "./transaction.ts"
import { createScratchDb } from "./testing-fixtures/scratch-db.ts"

let scratch: Awaited<ReturnType<typeof createScratchDb>>
let store: TransactionalEventStore
beforeAll(async () => {
  scratch = await createScratchDb("copy")
  store = await Effect.runPromise(makePgEventStore({ connectionString: scratch.url }))
}, 60_000)
afterAll(async () => {
  await run(store.close())
  await scratch.drop()
})

type Bulk = EventStoreShape & {
  readonly appendBulk?: EventStoreShape["append"]
  readonly appendPrepared?: (
    streams: ReadonlyArray<{ readonly streamId: string; readonly events: ReadonlyArray<PreparedEvent> }>,
    options: { readonly idempotencyKey: string },
  ) => Effect.Effect<AppendResult, AppendError>
}

/** One bulk append in its own transaction; its error (or result) as a value. */
const bulk = (requests: ReadonlyArray<AppendRequest>) =>
  Effect.runPromise(
    Effect.result(
      store.transaction((tx: Bulk) =>
        tx.appendBulk === undefined
          ? Effect.fail(new StoreUnavailable({ reason: "no bulk path" }) as AppendError)
          : tx.appendBulk(requests, { idempotencyKey: freshKey("bulk") }),
      ),
    ),
  )

const ok = (r: Awaited<ReturnType<typeof bulk>>): AppendResult => {
  if (r._tag === "Failure") throw new Error(JSON.stringify(r.failure))
  return r.success
}

describe("postgres: the COPY path of a bulk append", () => {
  it("writes two streams with their chains, skips stored keys, and refuses conflicts", async () => {
    const a = freshStream()
    const b = freshStream()
    const firstThree = events(3)
    const fourth = event(4)
    const first = ok(
      await bulk([request(a, Expected.noStream, firstThree), request(b, Expected.any, events(2))]),
    )
    expect(first.streams).toEqual([
      { streamId: a, fromVersion: 1, toVersion: 3, appended: 3, skipped: 0 },
      { streamId: b, fromVersion: 1, toVersion: 2, appended: 2, skipped: 0 },
    ])
    expect(first.positions).toHaveLength(5)
    expect(first.lastPosition).toBe((first.firstPosition ?? 0) + 4)
    const stored = await run(store.readStream(a))
    expect(stored.map((e) => e.version)).toEqual([1, 2, 3])
    expect(stored.map((e) => e.position)).toEqual(first.positions.slice(0, 3))
    // A plain append after it continues the same chain.
    await run(store.append(request(a, Expected.exact(3), [fourth]), { idempotencyKey: freshKey() }))

    // The same keys and bodies again, plus one new: the old ones are skipped, the chain goes on.
    const again = ok(await bulk([request(a, Expected.any, [...firstThree, fourth, event(5)])]))
    expect(again.streams[0]).toMatchObject({ fromVersion: 5, toVersion: 5, appended: 1, skipped: 4 })
    expect((await run(store.verify())).ok).toBe(true)

    // Another body under a stored key, or a stale expected version: refused, nothing written.
    const conflict = await bulk([request(a, Expected.any, [event(1, { data: { other: true } })])])
    expect(conflict._tag === "Failure" && conflict.failure._tag).toBe("IdempotencyConflict")
    const stale = await bulk([request(b, Expected.exact(1), [event(9)])])
    expect(stale._tag === "Failure" && stale.failure._tag).toBe("StreamVersionConflict")
    expect((await run(store.head(a)))?.version).toBe(5)
    expect((await run(store.head(b)))?.version).toBe(2)
  })

  it("writes events the caller prepared itself the same way, with the same skips and conflicts", async () => {
    const s = freshStream()
    const prepared = (list: ReadonlyArray<Parameters<typeof prepareEvent>[0]>) =>
      Effect.runPromise(
        Effect.result(
          store.transaction((tx: Bulk) =>
            tx.appendPrepared === undefined
              ? Effect.fail(new StoreUnavailable({ reason: "no prepared path" }) as AppendError)
              : tx.appendPrepared([{ streamId: s, events: list.map((e) => prepareEvent(e, s)) }], {
                  idempotencyKey: freshKey("prepared"),
                }),
          ),
        ),
      )
    const three = events(3)
    const first = ok(await prepared(three))
    expect(first.streams).toEqual([{ streamId: s, fromVersion: 1, toVersion: 3, appended: 3, skipped: 0 }])
    // The same events again are skipped, a new one is chained on.
    const again = ok(await prepared([...three, event(4)]))
    expect(again.streams[0]).toMatchObject({ fromVersion: 4, toVersion: 4, appended: 1, skipped: 3 })
    const conflict = await prepared([event(2, { data: { other: true } })])
    expect(conflict._tag === "Failure" && conflict.failure._tag).toBe("IdempotencyConflict")
    const stored = await run(store.readStream(s))
    expect(stored.map((e) => e.version)).toEqual([1, 2, 3, 4])
    expect((await run(store.verify())).ok).toBe(true)
  })

  it("refuses staged rows whose hash or chain was forged, and writes nothing", async () => {
    const client = new pg.Client({ connectionString: scratch.url })
    await client.connect()
    const s = freshStream()
    const stage = async (row: { version: number; prev: string; hash: string }) => {
      await client.query("begin")
      try {
        await client.query(
          "select ledger_copy_begin($1::text[], '{-1}'::int[], '{1}'::int[], '{k1}'::text[], '{bh}'::text[])",
          [[s]],
        )
        const content = '{"recordedAt":"\u0001","type":"TestEvent"}'
        await pipeline(
          Readable.from([
            `1\t${s}\t${row.version}\te1\tTestEvent\tk1\t2026-01-01\tbh\t${content}\t${row.prev}\t${row.hash}\n`,
          ]),
          client.query(
            copyFrom(
              "COPY pg_temp.ledger_copy_rows (ord, stream_id, version, event_id, type, idempotency_key, occurred_key, body_hash, content, prev_hash, hash) FROM STDIN",
            ),
          ),
        )
        await client.query("select ledger_copy_commit()")
        return "committed"
      } catch (error) {
        return (error as Error).message
      } finally {
        await client.query("rollback")
      }
    }
    try {
      const genesis = "0".repeat(64)
      expect(await stage({ version: 1, prev: genesis, hash: "f".repeat(64) })).toBe("ledger:invalid-content")
      expect(await stage({ version: 2, prev: genesis, hash: "f".repeat(64) })).toBe("ledger:invalid-content")
      expect(await stage({ version: 1, prev: "a".repeat(64), hash: "f".repeat(64) })).toBe(
        "ledger:invalid-content",
      )
      // Nor can a client write positions or recordedAt, or commit without beginning.
      await expect(client.query("select ledger_copy_commit()")).rejects.toThrow(/no bulk append was begun/)
      expect((await run(store.head(s))) ?? null).toBeNull()
    } finally {
      await client.end()
    }
  })

  it("leaves nothing when the transaction fails after a bulk append", async () => {
    const s = freshStream()
    const failed = await Effect.runPromise(
      Effect.result(
        store.transaction((tx: Bulk): Effect.Effect<never, unknown> =>
          tx.appendBulk === undefined
            ? Effect.fail("no bulk path")
            : Effect.flatMap(
                tx.appendBulk([request(s, Expected.any, events(3))], { idempotencyKey: freshKey() }),
                () => Effect.fail("a later line was bad" as const),
              ),
        ),
      ),
    )
    expect(failed._tag).toBe("Failure")
    expect(await run(store.head(s))).toBeUndefined()
    expect((await run(store.readStream(s))).length).toBe(0)
  })
})
