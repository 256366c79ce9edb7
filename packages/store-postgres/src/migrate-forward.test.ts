/**
 * Migration 2 replaces `ledger_append` with a linear version. These tests pin that it is a pure
 * speed change: a database stopped at schema 1 migrates forward to 2, and the same calls give the
 * same results, the same errors and byte-identical rows on the old and the new function. (Migration
 * 3 changes what the function writes — the database clock — and has its own test.)
 */
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import { Migrator, sql } from "kysely"
import type { Kysely } from "kysely"
import { describe, expect, it } from "vitest"
import type { Database } from "./database.ts"
import { Expected } from "@ledger/eventstore"
import { events as storeEvents, freshKey, freshStream, request, run } from "@ledger/eventstore/testing"
import { makeKyselyEventStore } from "./kysely-store.ts"
import { migrate, migrations, schemaVersion } from "./migrate.ts"
import {
  answerOf,
  type Call,
  errorsOf,
  events,
  pglitePair,
  sameAnswers,
} from "./testing-fixtures/append-diff.ts"

const FIRST = "2026-11-29T1200_create_events"
const SECOND = "2026-11-29T1500_append_unnest"

/** Drops everything and migrates `db` up to and including migration `last`. */
const migrateUpTo = async (db: Kysely<Database>, last: string): Promise<void> => {
  await sql`drop schema public cascade`.execute(db)
  await sql`create schema public`.execute(db)
  const names = Object.keys(migrations)
  const chosen = Object.fromEntries(
    Object.entries(migrations).filter(([name]) => names.indexOf(name) <= names.indexOf(last)),
  )
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(chosen) } })
  expect((await migrator.migrateToLatest()).error).toBeUndefined()
}

const call = (db: Kysely<Database>, c: Call) => {
  const ev = c.events
  return sql<{ result: string }>`select ledger_append(
    ${c.key}, ${`req-${c.streams.join()}`}, ${"2026-11-29T12:00:00.000Z"},
    ${c.streams}::text[], ${c.expected}::int[], ${c.counts}::int[], ${c.streams.map(() => 0)}::int[],
    ${ev.map((e) => `id-${e.key}`)}::text[], ${ev.map((e) => `Type${e.key.length}`)}::text[],
    ${ev.map((e) => e.key)}::text[], ${ev.map((e, i) => `2026-01-${String((i % 28) + 1).padStart(2, "0")}`)}::text[],
    ${ev.map((e) => `bh-${e.body}`)}::text[], ${ev.map((e) => JSON.stringify({ key: e.key, body: e.body }))}::text[]
  ) as result`.execute(db)
}

/** Calls covering new streams, several streams at once, replays, per-event skips and every error. */
const script: ReadonlyArray<Call> = [
  { key: "k1", streams: ["s1"], expected: [0], counts: [3], events: events("a", 3) },
  {
    key: "k2",
    streams: ["s2", "s1", "s3"],
    expected: [0, 3, -1],
    counts: [2, 4, 5],
    events: [...events("c", 2), ...events("a", 2), ...events("d", 2), ...events("e", 5)],
  },
  { key: "k2", streams: ["s2", "s1", "s3"], expected: [0, 3, -1], counts: [0, 0, 0], events: [] },
  { key: "k1", streams: ["s9"], expected: [0], counts: [1], events: events("z", 1) },
  { key: "k3", streams: ["s1"], expected: [0], counts: [1], events: events("n", 1) },
  { key: "k4", streams: ["s1"], expected: [-1], counts: [1], events: events("a", 1, "other") },
  { key: "k5", streams: ["s1"], expected: [0], counts: [2], events: events("a", 2) },
  {
    key: "k6",
    streams: ["s4", "s2"],
    expected: [-1, 2],
    counts: [300, 1],
    events: [...events("f", 300), ...events("g", 1)],
  },
]

const outcome = (db: Kysely<Database>, c: Call): Promise<unknown> =>
  answerOf(async () => (await call(db, c)).rows[0]?.result)

const dump = async (db: Kysely<Database>) =>
  JSON.stringify([
    (
      await sql`select position, stream_id, version, event_id, type, idempotency_key, occurred_key, recorded_at,
        body_hash, canonical, prev_hash, hash from events order by position`.execute(db)
    ).rows,
    (await sql`select * from streams order by stream_id`.execute(db)).rows,
    (await sql`select idempotency_key, request_hash, result from append_requests order by 1`.execute(db))
      .rows,
  ])

const { old, current } = pglitePair()

describe("migration 2 (linear ledger_append)", () => {
  it("gives the same results, errors and rows as migration 1's function", async () => {
    // openPglite migrates to the latest; put the databases back on migration 1's and 2's function.
    const v1 = await old()
    await migrateUpTo(v1, FIRST)
    expect(await Effect.runPromise(schemaVersion(v1))).toBe(1)
    const v2 = await current()
    await migrateUpTo(v2, SECOND)
    expect(await Effect.runPromise(schemaVersion(v2))).toBe(2)

    const outcomes = await sameAnswers(script, outcome, v1, v2)
    expect(errorsOf(outcomes)).toEqual([
      "ledger:idempotency-conflict",
      "ledger:version-conflict",
      "ledger:event-conflict",
    ])
    expect(await dump(v2)).toBe(await dump(v1))
  })

  it("migrates a schema-1 database forward, keeping its events and chain", async () => {
    const v1 = await old()
    const before = await dump(v1)
    const fn = async () =>
      (
        await sql<{ src: string }>`select prosrc as src from pg_proc where proname = 'ledger_append'`.execute(
          v1,
        )
      ).rows
    const oldSource = await fn()
    const names = Object.keys(migrations)
    const firstTwo = Object.fromEntries(
      Object.entries(migrations).filter(([name]) => names.indexOf(name) <= names.indexOf(SECOND)),
    )
    const upTo2 = new Migrator({ db: v1, provider: { getMigrations: () => Promise.resolve(firstTwo) } })
    expect((await upTo2.migrateToLatest()).error).toBeUndefined()
    expect(await Effect.runPromise(schemaVersion(v1))).toBe(2)
    expect(await dump(v1)).toBe(before)
    expect(await fn()).toHaveLength(1)
    expect(await fn()).not.toEqual(oldSource)
    // The chain continues from the heads written by the old function.
    const v2 = await current()
    const head = await sql<{ version: number }>`select version from streams where stream_id = 's1'`.execute(
      v1,
    )
    const version = head.rows[0]?.version ?? -2
    expect(version).toBeGreaterThan(1)
    const next: Call = {
      key: "k7",
      streams: ["s1"],
      expected: [version],
      counts: [2],
      events: events("h", 2),
    }
    expect(await outcome(v1, next)).toEqual(await outcome(v2, next))
    expect(await dump(v1)).toBe(await dump(v2))
  })
})

describe("migration 3 (database clock)", () => {
  it("migrates a schema-2 database forward: history kept and verified, the clock checked only after it", async () => {
    const v1 = await old()
    const before = await dump(v1)
    expect(await Effect.runPromise(migrate(v1, "2026-11-30T0900_database_clock"))).toBe(3)
    expect(await dump(v1)).toBe(before)
    const last = await sql<{ p: string }>`select max(position)::text as p from events`.execute(v1)
    const boundary = await sql<{
      p: string
    }>`select clock_from_position::text as p from ledger_schema`.execute(v1)
    expect(boundary.rows[0]?.p).toBe(last.rows[0]?.p)
  })

  it("stamps recordedAt with the database clock, never going back, and refuses a writer's own recordedAt", async () => {
    const db = await current()
    await migrateUpTo(db, Object.keys(migrations).at(-1) ?? "")
    const store = makeKyselyEventStore(db, { destroy: () => Promise.resolve() })
    const s = freshStream("clock")
    // The writer's Clock says 1970 (a TestClock); the database's clock decides.
    const before = Date.now()
    await run(
      Effect.provide(
        store.append(request(s, Expected.noStream, storeEvents(1)), { idempotencyKey: freshKey() }),
        TestClock.layer(),
      ),
    )
    const [first] = await run(store.readStream(s))
    expect(Date.parse(first?.recordedAt ?? "")).toBeGreaterThanOrEqual(before - 1_000)
    expect(Date.parse(first?.recordedAt ?? "")).toBeLessThanOrEqual(Date.now() + 1_000)
    // The server clock steps back a day (simulated by a later value already handed out).
    const ahead = Date.now() + 86_400_000
    await sql`select setval('ledger_clock_seq', ${ahead})`.execute(db)
    await run(store.append(request(s, Expected.exact(1), storeEvents(1, 2)), { idempotencyKey: freshKey() }))
    const second = (await run(store.readStream(s)))[1]
    expect(second?.recordedAt).toBe(new Date(ahead).toISOString())
    expect(await run(store.verify())).toMatchObject({ ok: true })
    // Called directly with a recordedAt of its own choosing, the function refuses.
    const forged = await outcome(db, {
      key: "forged",
      streams: [s],
      expected: [2],
      counts: [1],
      events: [{ key: "x", body: "y" }],
    })
    expect(forged).toMatchObject({ error: "ledger:invalid-content" })
    expect((await run(store.readStream(s))).length).toBe(2)
  })
})
