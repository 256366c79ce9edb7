/**
 * Plain-SQL baselines on the same server: what PostgreSQL itself does with the same payloads and
 * no event-store logic (no hash chain, no idempotency, no version check beyond a unique key).
 * Multi-row INSERT for batches, COPY FROM STDIN for the bulk import, single-row INSERT for the
 * concurrent writers, a paged SELECT for the read. The ceiling our store is measured against.
 *
 * @module
 */
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { budgetLine, concurrentWriters, timed } from "./workload.ts"
import type { Measure, Sizes } from "./workload.ts"

const range = (n: number): ReadonlyArray<number> => Array.from({ length: n }, (_, i) => i)

const TABLE = `CREATE TABLE IF NOT EXISTS baseline_events (
  position bigserial PRIMARY KEY,
  stream_id text NOT NULL,
  version integer NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  UNIQUE (stream_id, version)
)`

/** A pool on `connectionString` with the baseline table created (untimed). */
export const openBaseline = async (connectionString: string): Promise<pg.Pool> => {
  const pool = new pg.Pool({ connectionString, max: 10, application_name: "ledger-bench-baseline" })
  pool.on("error", () => undefined)
  await pool.query(TABLE)
  return pool
}

const streamId = (runId: string, label: string, s: number): string => `bench-${runId}-${label}-${s}`

/** (a) One multi-row INSERT of `perStream` rows per stream, sequentially. */
export const baselineBatchedInsert = (
  pool: pg.Pool,
  runId: string,
  sizes: Pick<Sizes, "streams" | "perStream">,
): Promise<Measure> => {
  const values = range(sizes.perStream)
    .map((i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`)
    .join(", ")
  const text = `INSERT INTO baseline_events (stream_id, version, type, data) VALUES ${values}`
  const params = range(sizes.streams).map((s) =>
    range(sizes.perStream).flatMap((i) => [
      streamId(runId, "batch", s),
      i + 1,
      "BenchLineRecorded",
      JSON.stringify(budgetLine(s, i)),
    ]),
  )
  return timed(async () => {
    for (const p of params) await pool.query(text, p)
    return sizes.streams * sizes.perStream
  }, `multi-row INSERT, ${sizes.perStream} rows a statement`)
}

/** COPY text format: a backslash is the only character JSON.stringify leaves that needs escaping. */
const copyLine = (stream: string, version: number, data: string): string =>
  `${stream}\t${version}\tBenchLineRecorded\t${data.replaceAll("\\", "\\\\")}\n`

/** (b) COPY FROM STDIN in calls of `bulkPerCall` rows, over `bulkStreamsPerCall` streams a call. */
export const baselineCopy = async (
  pool: pg.Pool,
  runId: string,
  sizes: Pick<Sizes, "bulkTotal" | "bulkPerCall" | "bulkStreamsPerCall">,
): Promise<Measure> => {
  const calls = Math.ceil(sizes.bulkTotal / sizes.bulkPerCall)
  const perStream = Math.ceil(sizes.bulkPerCall / sizes.bulkStreamsPerCall)
  const bodies = range(calls).map((c) =>
    range(sizes.bulkStreamsPerCall)
      .flatMap((k) => {
        const s = c * sizes.bulkStreamsPerCall + k
        return range(perStream).map((i) =>
          copyLine(streamId(runId, "bulk", s), i + 1, JSON.stringify(budgetLine(s, i))),
        )
      })
      .join(""),
  )
  const client = await pool.connect()
  try {
    return await timed(async () => {
      for (const body of bodies) {
        await pipeline(
          Readable.from([body]),
          client.query(copyFrom("COPY baseline_events (stream_id, version, type, data) FROM STDIN")),
        )
      }
      return calls * sizes.bulkStreamsPerCall * perStream
    }, `COPY FROM STDIN, ${calls} × ${sizes.bulkPerCall} rows`)
  } finally {
    client.release()
  }
}

/** (c) `writers` loops of single-row INSERTs, each on its own stream (autocommit). */
export const baselineConcurrentInserts = (
  pool: pg.Pool,
  runId: string,
  sizes: Pick<Sizes, "writers" | "writerMs" | "maxPerWriter">,
): Promise<Measure> =>
  concurrentWriters(sizes.writers, sizes.writerMs, sizes.maxPerWriter, async (w, n) => {
    await pool.query("INSERT INTO baseline_events (stream_id, version, type, data) VALUES ($1, $2, $3, $4)", [
      streamId(runId, "writer", w),
      n + 1,
      "BenchLineRecorded",
      JSON.stringify(budgetLine(w, n)),
    ])
  })

/** (d) Every row in position order, `pageSize` at a time, payloads parsed from JSONB by pg. */
export const baselineReadAll = (pool: pg.Pool, pageSize: number): Promise<Measure> =>
  timed(async () => {
    let from = "0"
    let n = 0
    for (;;) {
      const page = await pool.query<{ position: string }>(
        "SELECT position, stream_id, version, type, data FROM baseline_events WHERE position > $1 ORDER BY position LIMIT $2",
        [from, pageSize],
      )
      if (page.rows.length === 0) return n
      n += page.rows.length
      from = (page.rows[page.rows.length - 1] as { position: string }).position
    }
  }, `SELECT … ORDER BY position LIMIT ${pageSize}, paged`)
