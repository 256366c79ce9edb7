/**
 * `readAll` stays gap-free when a transaction's xid was assigned before it took the allocation lock
 * (a second append in one transaction, the COPY path): T1 writes first (its xid is now the lower
 * one), T2 appends on another connection and stays open, T1 appends again (a higher position) and
 * commits. While T2 is open no reader may see T1's second event — a reader that did would move its
 * checkpoint past T2's position and never read T2's event. (`transaction` also waits at COMMIT for
 * writers between allocation and commit; these tests open their transactions themselves.)
 */
import { Effect } from "effect"
import pg from "pg"
import { Kysely, PostgresDialect, sql } from "kysely"
import type { PostgresPoolClient } from "kysely"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Expected } from "@ledger/eventstore"
import type { AppendResult, EventStoreShape } from "@ledger/eventstore"
import { event, events, freshKey, freshStream, request, run } from "@ledger/eventstore/testing"
import { makeCopyAppend } from "./copy-append.ts"
import type { Database } from "./database.ts"
import { makeKyselyEventStore } from "./kysely-store.ts"
import { makePgEventStore, makePgKysely } from "./pg-store.ts"
import type { TransactionalEventStore } from "./transaction.ts"
import { adminQuery, createScratchDb } from "./testing-fixtures/scratch-db.ts"

let scratch: Awaited<ReturnType<typeof createScratchDb>>
let store: TransactionalEventStore
beforeAll(async () => {
  scratch = await createScratchDb("gap")
  store = await Effect.runPromise(makePgEventStore({ connectionString: scratch.url }))
}, 60_000)
afterAll(async () => {
  await run(store.close())
  await scratch.drop()
})

/** A store on one connection of its own, whose transaction the test opens and commits. */
const session = () => {
  const db = makePgKysely({ connectionString: scratch.url, maxConnections: 1 })
  return { db, store: makeKyselyEventStore(db, { destroy: () => db.destroy() }) }
}

const append = (s: EventStoreShape, label: string, n: number) =>
  run(s.append(request(freshStream(label), Expected.noStream, [event(n)]), { idempotencyKey: freshKey() }))

/** A client of its own and the COPY path on it (the transaction's, as `transaction` builds it). */
const copySession = async () => {
  const client = new pg.Client({ connectionString: scratch.url })
  await client.connect()
  const conn = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: () =>
          Promise.resolve({
            query: ((...args: Parameters<typeof client.query>) =>
              client.query(...args)) as unknown as PostgresPoolClient["query"],
            release: () => undefined,
          }),
        end: () => Promise.resolve(),
      },
    }),
  })
  return { client, bulk: makeCopyAppend(conn, client) }
}

/** What a reader sees after `before`, as positions. */
const seen = async (before: number) =>
  (await run(store.readAll({ fromPosition: before }))).map((e) => e.position)

/**
 * Reads after `before` until `positions` all show, in order. Any open transaction on the server holds
 * every reader's xmin back (another test's import, on a shared server): then, at the deadline, only
 * that is reported.
 */
const showsInOrder = async (before: number, positions: ReadonlyArray<number>) => {
  const deadline = Date.now() + 20_000
  const ours = async () => (await seen(before)).filter((p) => positions.includes(p))
  let now = await ours()
  while (now.length < positions.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20))
    now = await ours()
  }
  if (now.length < positions.length) {
    const held = await adminQuery(
      "select count(*)::int as n from pg_stat_activity where backend_xid is not null and datname <> $1",
      [scratch.name],
    )
    if ((held.rows[0] as { n: number }).n > 0) return
  }
  expect(now).toEqual(positions)
}

/** The stored ordering xids of `positions`, as bigints. */
const orderingXids = async (positions: ReadonlyArray<number>) => {
  const db = session()
  try {
    const r = await sql<{ x: string }>`select transaction_id::text as x from events
      where position = any(${positions.map(String)}::bigint[]) order by position`.execute(db.db)
    return r.rows.map((row) => BigInt(row.x))
  } finally {
    await db.db.destroy()
  }
}

/** The xid of the transaction open on `db`. */
const xidOf = async (db: Kysely<Database>) =>
  BigInt((await sql<{ x: string }>`select pg_current_xact_id()::text as x`.execute(db)).rows[0]?.x ?? "0")

const first = (r: AppendResult): number => r.firstPosition ?? Number.NaN

describe("postgres: readAll when a writer's xid predates the allocation lock", () => {
  it("a second append in one transaction stays hidden while a lower position is in flight", async () => {
    const t1 = session()
    const t2 = session()
    const before = (await run(store.readAll())).at(-1)?.position ?? 0
    try {
      await sql`begin`.execute(t1.db)
      const a = first(await append(t1.store, "t1a", 1))
      await sql`begin`.execute(t2.db)
      const mid = first(await append(t2.store, "t2", 2))
      const b = first(await append(t1.store, "t1b", 3))
      expect([a < mid, mid < b]).toEqual([true, true])
      const t2Xid = await xidOf(t2.db)
      await sql`commit`.execute(t1.db)
      // T2 is open: nothing above its position may be visible.
      expect((await seen(before)).filter((p) => p > mid)).toEqual([])
      await sql`commit`.execute(t2.db)
      // T1's second event is ordered after T2 (its stored xid is not below T2's).
      const [xa = 0n, xmid = 0n, xb = 0n] = await orderingXids([a, mid, b])
      expect([xmid, xa <= xmid, xb >= t2Xid]).toEqual([t2Xid, true, true])
      await showsInOrder(before, [a, mid, b])
    } finally {
      await run(t1.store.close())
      await run(t2.store.close())
    }
  })

  it("the same for the COPY path (a second batch in one transaction)", async () => {
    const t1 = await copySession()
    const t2 = session()
    const before = (await run(store.readAll())).at(-1)?.position ?? 0
    const bulk = (label: string, n: number) =>
      run(
        t1.bulk([request(freshStream(label), Expected.noStream, events(2, n))], {
          idempotencyKey: freshKey(),
        }),
      )
    try {
      await t1.client.query("begin")
      const a = first(await bulk("c1a", 1))
      await sql`begin`.execute(t2.db)
      const mid = first(await append(t2.store, "c2", 3))
      const b = first(await bulk("c1b", 5))
      expect([a < mid, mid < b]).toEqual([true, true])
      const t2Xid = await xidOf(t2.db)
      await t1.client.query("commit")
      expect((await seen(before)).filter((p) => p > mid)).toEqual([])
      await sql`commit`.execute(t2.db)
      const [xb = 0n, xb1 = 0n] = await orderingXids([b, b + 1])
      expect([xb >= t2Xid, xb1 >= t2Xid]).toEqual([true, true])
      await showsInOrder(before, [a, a + 1, mid, b, b + 1])
    } finally {
      await t1.client.end()
      await run(t2.store.close())
    }
  })
})
