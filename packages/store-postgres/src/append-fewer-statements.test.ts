/**
 * Migration 7 rewrites `ledger_append` in fewer statements (one probe for a one-stream call, the
 * clock and positions as plain expressions, one INSERT per stream computing versions and previous
 * hashes). These tests pin that nothing a caller sees changes: the same calls through migration 6's
 * and 7's function give the same results, errors, rows and heads, and replay the same; a schema-6
 * database migrates forward and its requests still replay; and the one-event key probe, a static
 * statement again, reads the stream key even when its plan was made while the year was empty.
 */
import { sql } from "kysely"
import type { Kysely } from "kysely"
import { describe, expect, it } from "vitest"
import type { Database } from "./database.ts"
import { KNOWN_SCHEMA_VERSION } from "./migrate.ts"
import {
  answerOf,
  type Call,
  type Ev,
  errorsOf,
  events,
  expectMigratesForward,
  expectVerifies,
  fresh,
  pglitePair,
  sameAnswers,
} from "./testing-fixtures/append-diff.ts"

const SIXTH = "2026-12-01T0900_append_one_row"
// Both databases stamp the same instant: the clock never goes back, so a value far ahead decides.
const INSTANT = 4_102_444_800_000

const outcome = async (db: Kysely<Database>, c: Call): Promise<unknown> => {
  await sql`select setval('ledger_clock_seq', ${INSTANT})`.execute(db)
  const ev = c.events
  const streamOf = c.streams.flatMap((s, i) => Array.from({ length: c.counts[i] ?? 0 }, () => s))
  const content = (e: Ev, i: number) =>
    e.content ??
    `{"eventId":"id-${e.key}","idempotencyKey":"${e.key}","occurredAt":"2026-01-01","recordedAt":"\u0001",` +
      `"streamId":"${streamOf[i] ?? ""}","type":"T"}`
  return answerOf(
    async () =>
      (
        await sql<{ result: string }>`select ledger_append(
      ${c.key}, ${`req-${c.streams.join()}-${ev.map((e) => `${e.key}:${e.body}`).join()}`}, ${""},
      ${c.streams}::text[], ${c.expected}::int[], ${c.counts}::int[], ${c.streams.map((_, i) => i)}::int[],
      ${ev.map((e) => `id-${e.key}`)}::text[], ${ev.map(() => "T")}::text[], ${ev.map((e) => e.key)}::text[],
      ${ev.map(() => "2026-01-01T00:00:00.000Z")}::text[], ${ev.map((e) => `bh-${e.body}`)}::text[],
      ${ev.map(content)}::text[]
    ) as result`.execute(db)
      ).rows[0]?.result,
  )
}

const one = (key: string, stream: string, expected: number, e: Ev): Call => ({
  key,
  streams: [stream],
  expected: [expected],
  counts: [1],
  events: [e],
})

/**
 * One-event calls (new stream, existing stream, replay, same event under a new request, another
 * body, wrong version, bad placeholders), batches with skips first, between and last, several
 * streams, a call appending nothing, and a budget year's partition made on first use.
 */
const script: ReadonlyArray<Call> = [
  one("k1", "s1", 0, { key: "a-0", body: "b0" }),
  one("k2", "s1", 1, { key: "a-1", body: "b1" }),
  one("k2", "s1", 1, { key: "a-1", body: "b1" }),
  one("k2", "s1", 1, { key: "a-9", body: "b9" }),
  one("k3", "s1", 2, { key: "a-1", body: "b1" }),
  one("k4", "s1", -1, { key: "a-1", body: "other" }),
  one("k5", "s1", 0, { key: "a-2", body: "b2" }),
  one("k6", "s1", 2, { key: "a-2", body: "b2" }),
  one("k7", "002/2026", 0, { key: "y-0", body: "b0" }),
  one("k8", "002/2026", 1, { key: "y-1", body: "b1" }),
  one("k9", "s1", -1, { key: "bad-0", body: "b", content: `{"recordedAt":"x"}` }),
  one("k10", "s1", -1, { key: "bad-1", body: "b", content: `{"recordedAt":"\u0001","x":"\u0001"}` }),
  {
    key: "k11",
    streams: ["s1"],
    expected: [-1],
    counts: [6],
    events: [
      { key: "a-0", body: "b0" },
      { key: "n-0", body: "n0" },
      { key: "a-1", body: "b1" },
      { key: "n-1", body: "n1" },
      { key: "n-2", body: "n2" },
      { key: "a-2", body: "b2" },
    ],
  },
  {
    key: "k12",
    streams: ["s2", "s1", "002/2026", "s3"],
    expected: [0, -1, 2, -1],
    counts: [3, 2, 2, 0],
    events: [...events("c", 3), { key: "n-0", body: "n0" }, { key: "a-0", body: "b0" }, ...events("e", 2)],
  },
  {
    key: "k13",
    streams: ["s1", "s2"],
    expected: [-1, -1],
    counts: [1, 2],
    events: [{ key: "a-0", body: "b0" }, ...events("c", 2)],
  },
  {
    key: "k14",
    streams: ["s4", "s2"],
    expected: [-1, 3],
    counts: [40, 2],
    events: [...events("f", 40), { key: "c-2", body: "b2" }, { key: "g-0", body: "g0" }],
  },
  {
    key: "k15",
    streams: ["s4"],
    expected: [40],
    counts: [3],
    events: [
      { key: "f-5", body: "b5" },
      { key: "h-0", body: "h0" },
      { key: "f-6", body: "other" },
    ],
  },
  one("k16", "s4", 40, { key: "h-1", body: "h1" }),
  one("k17", "s5", -1, { key: "p-0", body: "p0" }),
]

const rows = async (db: Kysely<Database>) =>
  JSON.stringify([
    (
      await sql`select position, department, fiscal_year, stream_id, version, event_id, type, idempotency_key,
        occurred_key, recorded_at, body_hash, canonical, prev_hash, hash, request_key, request_hash
        from events order by position`.execute(db)
    ).rows,
    (await sql`select * from streams order by stream_id`.execute(db)).rows,
    (await sql`select idempotency_key, request_hash, result from append_requests order by 1`.execute(db))
      .rows,
  ])

const { old, current } = pglitePair()

describe("migration 7 (ledger_append in fewer statements)", () => {
  it("gives the same results, errors, rows and replays as migration 6's function", async () => {
    const v6 = await old()
    const v7 = await current()
    expect(await fresh(v6, SIXTH)).toBe(6)
    expect(await fresh(v7)).toBe(KNOWN_SCHEMA_VERSION)
    const outcomes = await sameAnswers(script, outcome, v6, v7)
    expect(errorsOf(outcomes)).toEqual([
      "ledger:idempotency-conflict",
      "ledger:event-conflict",
      "ledger:version-conflict",
      "ledger:invalid-content",
      "ledger:invalid-content",
      "ledger:event-conflict",
    ])
    expect(await rows(v7)).toBe(await rows(v6))
    // Every call again, after later calls moved the streams on: the same answers on both.
    for (const [i, c] of script.entries())
      if (typeof outcomes[i] === "string") expect(await outcome(v7, c)).toEqual(outcomes[i])
    for (const c of script) expect(await outcome(v7, c)).toEqual(await outcome(v6, c))
    expect(await rows(v7)).toBe(await rows(v6))
    await expectVerifies(v7)
  })

  it("migrates a schema-6 database forward: rows kept, its requests replay, its chains continue", async () => {
    const v6 = await old()
    await expectMigratesForward(v6, script, outcome, rows)
    const next = one("k18", "s1", -1, { key: "r-0", body: "r0" })
    const first = await outcome(v6, next)
    expect(first).toMatch(/"appended" : 1/)
    expect(await outcome(v6, next)).toEqual(first)
    await expectVerifies(v6)
  })

  it("probes the stream key, not the stream's events, when its plan was made while the year was empty", async () => {
    const db = await current()
    await sql`select ledger_ensure_year(2031)`.execute(db)
    // Plans made now (one connection keeps them) see the 2031 partition empty.
    expect(typeof (await outcome(db, one("p1", "s1", -1, { key: "pl-0", body: "b" })))).toBe("string")
    expect(typeof (await outcome(db, one("p2", "001/2031", 0, { key: "q-0", body: "b" })))).toBe("string")
    const batch: Call = {
      key: "p3",
      streams: ["001/2031"],
      expected: [1],
      counts: [300],
      events: events("q1", 300),
    }
    expect(typeof (await outcome(db, batch))).toBe("string")
    const scans = async () =>
      (
        await sql<{
          name: string
          scans: string
        }>`select c.relname as name, pg_stat_get_xact_numscans(c.oid) as scans
          from pg_class c join pg_index i on i.indexrelid = c.oid
          where i.indrelid = 'events_y2031'::regclass`.execute(db)
      ).rows
    await sql`begin`.execute(db)
    try {
      expect(typeof (await outcome(db, one("p4", "001/2031", 301, { key: "q-1", body: "b" })))).toBe("string")
      const byIndex = Object.fromEntries((await scans()).map((r) => [r.name, Number(r.scans)]))
      const key = Object.keys(byIndex).find((n) => n.includes("idempotency"))
      const version = Object.keys(byIndex).find((n) => n.includes("version"))
      expect(key !== undefined && version !== undefined).toBe(true)
      expect(byIndex[key ?? ""]).toBeGreaterThan(0)
      expect(byIndex[version ?? ""]).toBe(0)
    } finally {
      await sql`rollback`.execute(db)
    }
  })
})
