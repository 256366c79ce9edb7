/**
 * Migration 2 replaces `ledger_append` with a linear version. These tests pin that it is a pure
 * speed change: a database stopped at schema 1 migrates forward, and the same calls give the same
 * results, the same errors and byte-identical rows on the old and the new function.
 */
import { Effect } from "effect"
import { Migrator, sql } from "kysely"
import type { Kysely } from "kysely"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Database } from "./database.ts"
import { KNOWN_SCHEMA_VERSION, migrate, migrations, schemaVersion } from "./migrate.ts"
import { openPglite } from "./pglite-store.ts"

const FIRST = "2026-11-29T1200_create_events"

/** One `ledger_append` call; arrays are per stream (`streams`…) and per event (the rest). */
interface Call {
  readonly key: string
  readonly streams: ReadonlyArray<string>
  readonly expected: ReadonlyArray<number>
  readonly counts: ReadonlyArray<number>
  readonly events: ReadonlyArray<{ readonly key: string; readonly body: string }>
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

const events = (prefix: string, n: number, body = "b") =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}-${i}`, body: `${body}${i}` }))

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

const outcome = async (db: Kysely<Database>, c: Call): Promise<unknown> => {
  try {
    return (await call(db, c)).rows[0]?.result
  } catch (error) {
    const e = error as { message?: string; code?: string; detail?: string }
    return { error: e.message, code: e.code, detail: e.detail }
  }
}

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

const old = Effect.runPromise(openPglite({}))
const current = Effect.runPromise(openPglite({}))
// Two PGlite starts on a loaded machine; count them against the hook, not a test.
beforeAll(() => Promise.all([old, current]), 120_000)
afterAll(async () => {
  await Promise.all([(await old).db.destroy(), (await current).db.destroy()])
})

describe("migration 2 (linear ledger_append)", () => {
  it("gives the same results, errors and rows as migration 1's function", async () => {
    // openPglite migrates to the latest; put the first database back on migration 1's function.
    const v1 = (await old).db
    await sql`drop schema public cascade`.execute(v1)
    await sql`create schema public`.execute(v1)
    const first = migrations[FIRST]
    if (first === undefined) throw new Error(`migration ${FIRST} is not registered`)
    const only1 = { [FIRST]: first }
    const migrator = new Migrator({ db: v1, provider: { getMigrations: () => Promise.resolve(only1) } })
    expect((await migrator.migrateToLatest()).error).toBeUndefined()
    expect(await Effect.runPromise(schemaVersion(v1))).toBe(1)
    const v2 = (await current).db
    expect(await Effect.runPromise(schemaVersion(v2))).toBe(KNOWN_SCHEMA_VERSION)

    const outcomes: Array<unknown> = []
    for (const c of script) {
      const result = await outcome(v2, c)
      expect(result).toEqual(await outcome(v1, c))
      outcomes.push(result)
    }
    expect(outcomes.filter((o) => typeof o === "object").map((o) => (o as { error: string }).error)).toEqual([
      "ledger:idempotency-conflict",
      "ledger:version-conflict",
      "ledger:event-conflict",
    ])
    expect(await dump(v2)).toBe(await dump(v1))
  })

  it("migrates a schema-1 database forward, keeping its events and chain", async () => {
    const v1 = (await old).db
    const before = await dump(v1)
    const fn = async () =>
      (
        await sql<{ src: string }>`select prosrc as src from pg_proc where proname = 'ledger_append'`.execute(
          v1,
        )
      ).rows
    const oldSource = await fn()
    expect(await Effect.runPromise(migrate(v1))).toBe(KNOWN_SCHEMA_VERSION)
    expect(KNOWN_SCHEMA_VERSION).toBe(2)
    expect(await dump(v1)).toBe(before)
    expect(await fn()).toHaveLength(1)
    expect(await fn()).not.toEqual(oldSource)
    // The chain continues from the heads written by the old function.
    const v2 = (await current).db
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
