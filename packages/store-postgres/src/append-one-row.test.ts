/**
 * Migration 6 stops writing an `append_requests` row per append and rebuilds a replay's result
 * from the events the request wrote. These tests pin that it changes nothing a caller can see:
 * the same calls through migration 5's and 6's function give the same results, errors, events and
 * heads, and replay the same; a schema-5 database migrates forward with its history, its old
 * requests still replay, and a year archived before the migration attaches again.
 */
import { Effect } from "effect"
import { sql } from "kysely"
import type { Kysely } from "kysely"
import { describe, expect, it } from "vitest"
import type { Database } from "./database.ts"
import { attachYear, detachYear } from "./archive.ts"
import { KNOWN_SCHEMA_VERSION, migrate, schemaVersion } from "./migrate.ts"
import {
  answerOf,
  type Call,
  errorsOf,
  events,
  expectVerifies,
  fresh,
  pglitePair,
  sameAnswers,
} from "./testing-fixtures/append-diff.ts"

const FIFTH = "2026-11-30T2300_copy_append"
const SIXTH = "2026-12-01T0900_append_one_row"
// Both databases stamp the same instant: the clock never goes back, so a value far ahead decides.
const INSTANT = 4_102_444_800_000

const outcome = async (db: Kysely<Database>, c: Call): Promise<unknown> => {
  await sql`select setval('ledger_clock_seq', ${INSTANT})`.execute(db)
  const ev = c.events
  // Each event's stream, for a content the verifier accepts (canonical JSON, keys in order).
  const streamOf = c.streams.flatMap((s, i) => Array.from({ length: c.counts[i] ?? 0 }, () => s))
  const content = (e: { key: string }, i: number) =>
    `{"eventId":"id-${e.key}","idempotencyKey":"${e.key}","occurredAt":"2026-01-01","recordedAt":"\u0001",` +
    `"streamId":"${streamOf[i] ?? ""}","type":"T"}`
  return answerOf(
    async () =>
      (
        await sql<{ result: string }>`select ledger_append(
      ${c.key}, ${`req-${c.streams.join()}-${ev.map((e) => e.key).join()}`}, ${""},
      ${c.streams}::text[], ${c.expected}::int[], ${c.counts}::int[], ${c.streams.map(() => 1)}::int[],
      ${ev.map((e) => `id-${e.key}`)}::text[], ${ev.map(() => "T")}::text[], ${ev.map((e) => e.key)}::text[],
      ${ev.map(() => "2026-01-01T00:00:00.000Z")}::text[], ${ev.map((e) => `bh-${e.body}`)}::text[],
      ${ev.map(content)}::text[]
    ) as result`.execute(db)
      ).rows[0]?.result,
  )
}

/** New streams, several at once, per-event skips, a stream with nothing new, a no-op call, every error. */
const script: ReadonlyArray<Call> = [
  { key: "k1", streams: ["s1"], expected: [0], counts: [3], events: events("a", 3) },
  {
    key: "k2",
    streams: ["s2", "s1", "002/2026"],
    expected: [0, 3, -1],
    counts: [2, 4, 5],
    events: [...events("c", 2), ...events("a", 2), ...events("d", 2), ...events("e", 5)],
  },
  { key: "k1", streams: ["s9"], expected: [0], counts: [1], events: events("z", 1) },
  { key: "k3", streams: ["s1"], expected: [0], counts: [1], events: events("n", 1) },
  { key: "k4", streams: ["s1"], expected: [-1], counts: [1], events: events("a", 1, "other") },
  {
    key: "k5",
    streams: ["s1", "s5"],
    expected: [-1, 0],
    counts: [2, 1],
    events: [...events("a", 2), ...events("p", 1)],
  },
  { key: "k6", streams: ["s1"], expected: [-1], counts: [1], events: events("a", 1) },
  {
    key: "k7",
    streams: ["s4", "s2"],
    expected: [-1, 2],
    counts: [30, 1],
    events: [...events("f", 30), ...events("g", 1)],
  },
  { key: "k8", streams: ["s1"], expected: [-1], counts: [2], events: events("q", 2) },
]

const rows = async (db: Kysely<Database>) =>
  JSON.stringify([
    (
      await sql`select position, department, fiscal_year, stream_id, version, event_id, type, idempotency_key,
        occurred_key, recorded_at, body_hash, canonical, prev_hash, hash from events order by position`.execute(
        db,
      )
    ).rows,
    (await sql`select * from streams order by stream_id`.execute(db)).rows,
  ])

const requests = async (db: Kysely<Database>) =>
  (
    await sql<{ k: string }>`select idempotency_key as k from append_requests order by 1`.execute(db)
  ).rows.map((r) => r.k)

const { old, current } = pglitePair()

describe("migration 6 (one row per append)", () => {
  it("gives the same results, errors, rows and replays as migration 5's function", async () => {
    const v5 = await old()
    const v6 = await current()
    expect(await fresh(v5, FIFTH)).toBe(5)
    expect(await fresh(v6, SIXTH)).toBe(6)
    const outcomes = await sameAnswers(script, outcome, v5, v6)
    expect(errorsOf(outcomes)).toEqual([
      "ledger:idempotency-conflict",
      "ledger:version-conflict",
      "ledger:event-conflict",
    ])
    expect(await rows(v6)).toBe(await rows(v5))
    // Every call that succeeded again, after later calls moved the streams on: the first answer.
    for (const [i, c] of script.entries())
      if (typeof outcomes[i] === "string") expect(await outcome(v6, c)).toEqual(outcomes[i])
    for (const c of script) expect(await outcome(v6, c)).toEqual(await outcome(v5, c))
    expect(await rows(v6)).toBe(await rows(v5))
    // Only the call that appended nothing left an append_requests row.
    expect(await requests(v6)).toEqual(["k6"])
    expect(await requests(v5)).toEqual(["k1", "k2", "k5", "k6", "k7", "k8"])
  })

  it("migrates a schema-5 database forward: rows kept, old requests replay, archived years attach", async () => {
    const v5 = await old()
    const before = await rows(v5)
    const answers = await Promise.all(script.map((c) => outcome(v5, c)))
    expect(await Effect.runPromise(detachYear(v5, 2026))).toContain("events_y2026")
    expect(await Effect.runPromise(migrate(v5))).toBe(KNOWN_SCHEMA_VERSION)
    expect(await Effect.runPromise(schemaVersion(v5))).toBe(KNOWN_SCHEMA_VERSION)
    await Effect.runPromise(attachYear(v5, 2026))
    expect(await rows(v5)).toBe(before)
    for (const [i, c] of script.entries())
      if (typeof answers[i] === "string") expect(await outcome(v5, c)).toEqual(answers[i])
    // The chain continues on both kinds of stream, and its new requests replay from the events.
    const next: Call = {
      key: "k9",
      streams: ["s1", "002/2026"],
      expected: [-1, -1],
      counts: [1, 1],
      events: [...events("r", 1), ...events("t", 1)],
    }
    const first = await outcome(v5, next)
    expect(first).toMatch(/"appended" : 1, "skipped" : 1},\{"streamId" : "002\/2026"/)
    expect(await outcome(v5, next)).toEqual(first)
    expect(await requests(v5)).toEqual(["k1", "k2", "k5", "k6", "k7", "k8"])
    await expectVerifies(v5)
  })
})
