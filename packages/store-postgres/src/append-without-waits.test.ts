/**
 * Migration 8 makes `ledger_append` cheaper per event (a batch's rows written by subscript, with no
 * window, sort or materialised `unnest`; the placeholder checked without counting characters) and
 * writes the clock's sequence only when the clock moves. These tests pin that nothing a caller sees
 * changes: the same calls through migration 7's and 8's function give the same results, errors,
 * rows and heads and replay the same; a schema-7 database migrates forward; and the clock still
 * never goes back, whether the server's time is ahead of the last value handed out or behind it.
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

const SEVENTH = "2026-12-02T0900_append_fewer_statements"
// Both databases stamp the same instant: the clock never goes back, so a value far ahead decides.
const INSTANT = 4_102_444_800_000

const streamOf = (c: Call) => c.streams.flatMap((s, i) => Array.from({ length: c.counts[i] ?? 0 }, () => s))
const content = (c: Call) => (e: Ev, i: number) =>
  e.content ??
  `{"eventId":"id-${e.key}","idempotencyKey":"${e.key}","occurredAt":"2026-01-01","recordedAt":"\u0001",` +
    `"streamId":"${streamOf(c)[i] ?? ""}","type":"T"}`

/** One call, its answer as data; `instant`: the clock's last value set first (none: left as it is). */
const outcome = async (db: Kysely<Database>, c: Call, instant: number | null = INSTANT): Promise<unknown> => {
  if (instant !== null) await sql`select setval('ledger_clock_seq', ${instant})`.execute(db)
  const ev = c.events
  return answerOf(
    async () =>
      (
        await sql<{ result: string }>`select ledger_append(
      ${c.key}, ${`req-${c.streams.join()}-${ev.map((e) => `${e.key}:${e.body}`).join()}`}, ${""},
      ${c.streams}::text[], ${c.expected}::int[], ${c.counts}::int[], ${c.streams.map((_, i) => i)}::int[],
      ${ev.map((e) => `id-${e.key}`)}::text[], ${ev.map(() => "T")}::text[], ${ev.map((e) => e.key)}::text[],
      ${ev.map(() => "2026-01-01T00:00:00.000Z")}::text[], ${ev.map((e) => `bh-${e.body}`)}::text[],
      ${ev.map(content(c))}::text[]
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

const batch = (
  key: string,
  streams: ReadonlyArray<string>,
  counts: ReadonlyArray<number>,
  evs: ReadonlyArray<Ev>,
) => ({
  key,
  streams,
  expected: streams.map(() => -1),
  counts,
  events: evs,
})

const bad = (key: string, content: string): Ev => ({ key, body: "b", content })

/**
 * Single events (new and existing streams, replays, conflicts, every placeholder fault), batches
 * with no skip (the new path: one stream, several, new and existing, a budget year made on first
 * use), batches with skips (the old path) beside them in one call, and placeholder faults inside
 * a batch, first, middle and in a later stream.
 */
const script: ReadonlyArray<Call> = [
  one("k1", "s1", 0, { key: "a-0", body: "b0" }),
  one("k2", "s1", 1, { key: "a-1", body: "b1" }),
  one("k2", "s1", 1, { key: "a-1", body: "b1" }),
  one("k2", "s1", 1, { key: "a-9", body: "b9" }),
  one("k3", "s1", 2, { key: "a-1", body: "b1" }),
  one("k4", "s1", -1, { key: "a-1", body: "other" }),
  one("k5", "s1", 0, { key: "a-2", body: "b2" }),
  one("k6", "002/2026", 0, { key: "y-0", body: "b0" }),
  one("k7", "s1", -1, bad("bad-0", `{"recordedAt":"x"}`)),
  one("k8", "s1", -1, bad("bad-1", `{"recordedAt":"\u0001","x":"\u0001"}`)),
  one("k9", "s1", -1, bad("bad-2", `{"x":"\u0001","recordedAt":"y"}`)),
  one("k10", "s1", -1, bad("bad-3", `{"recordedAt":"\u0001"recordedAt":"\u0001"}`)),
  one("k11", "s1", -1, bad("bad-4", `{"recordedAt":"\u0001","y":{"recordedAt":"\u0001"}}`)),
  batch("k12", ["t1"], [5], events("t1", 5)),
  batch("k12", ["t1"], [5], events("t1", 5)),
  batch(
    "k13",
    ["t1", "t2", "003/2027"],
    [3, 4, 2],
    [...events("t1b", 3), ...events("t2", 4), ...events("z", 2)],
  ),
  batch("k14", ["t2", "t1"], [3, 4], [{ key: "t2-1", body: "b1" }, ...events("t2c", 2), ...events("t1c", 4)]),
  batch("k15", ["t3"], [3], [...events("t3", 1), bad("t3-bad", `{"recordedAt":"z"}`), ...events("t3z", 1)]),
  batch("k16", ["t3"], [3], [bad("t3-first", `{"a":1}`), ...events("t3", 2)]),
  batch(
    "k17",
    ["t3", "t4"],
    [2, 2],
    [...events("t3", 2), ...events("t4", 1), bad("t4-x", `{"recordedAt":"\u0001\u0001"}`)],
  ),
  batch(
    "k18",
    ["t1", "t2"],
    [2, 1],
    [{ key: "t1-0", body: "other" }, ...events("t1d", 1), ...events("t2d", 1)],
  ),
  batch("k19", ["t5"], [40], events("f", 40)),
  one("k20", "t5", 40, { key: "h-1", body: "h1" }),
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

const clock = async (db: Kysely<Database>) =>
  Number(
    (await sql<{ v: string }>`select last_value::text as v from ledger_clock_seq`.execute(db)).rows[0]?.v,
  )

const { old, current } = pglitePair()

describe("migration 8 (ledger_append cheaper per event, the clock written when it moves)", () => {
  it("gives the same results, errors, rows and replays as migration 7's function", async () => {
    const v7 = await old()
    const v8 = await current()
    expect(await fresh(v7, SEVENTH)).toBe(7)
    expect(await fresh(v8)).toBe(KNOWN_SCHEMA_VERSION)
    const outcomes = await sameAnswers(script, outcome, v7, v8)
    expect(errorsOf(outcomes)).toEqual([
      "ledger:idempotency-conflict",
      "ledger:event-conflict",
      "ledger:version-conflict",
      ...Array.from({ length: 5 }, () => "ledger:invalid-content"),
      ...Array.from({ length: 3 }, () => "ledger:invalid-content"),
      "ledger:event-conflict",
    ])
    expect(await rows(v8)).toBe(await rows(v7))
    for (const c of script) expect(await outcome(v8, c)).toEqual(await outcome(v7, c))
    expect(await rows(v8)).toBe(await rows(v7))
    await expectVerifies(v8)
  })

  it("migrates a schema-7 database forward: rows kept, its requests replay, its chains continue", async () => {
    const v7 = await old()
    await expectMigratesForward(v7, script, outcome, rows)
    expect(await outcome(v7, batch("k21", ["t1"], [3], events("t1e", 3)))).toMatch(/"appended" : 3/)
    await expectVerifies(v7)
  })

  it("stamps the server's time when it is ahead and the last value when it is behind, never going back", async () => {
    const db = await current()
    await fresh(db)
    const stampOf = async (c: Call, instant: number | null) => {
      const result = await outcome(db, c, instant)
      expect(typeof result).toBe("string")
      const at = await sql<{
        r: string
      }>`select recorded_at as r from events order by position desc limit 1`.execute(db)
      return Date.parse(at.rows[0]?.r ?? "")
    }
    // Behind the server's time: the time is stamped and written to the sequence.
    const t0 = Date.now()
    const first = await stampOf(one("c1", "c", -1, { key: "c-0", body: "b" }), 1_000)
    expect(first).toBeGreaterThanOrEqual(t0 - 1)
    expect(await clock(db)).toBe(first)
    const second = await stampOf(batch("c2", ["c"], [3], events("c1", 3)), null)
    expect(second).toBeGreaterThanOrEqual(first)
    expect(await clock(db)).toBe(second)
    // Ahead of it (a later value already handed out): that value, and the sequence unchanged.
    expect(await stampOf(one("c3", "c", -1, { key: "c-9", body: "b" }), INSTANT)).toBe(INSTANT)
    expect(await stampOf(batch("c4", ["c"], [2], events("c2", 2)), null)).toBe(INSTANT)
    expect(await clock(db)).toBe(INSTANT)
  })
})
