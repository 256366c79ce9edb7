/**
 * The same workloads on Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`),
 * through its public EventStore API, with the same budget-line payloads: the comparison design
 * README §5 asks for. Emmett has no multi-stream append (bulk import is one `appendToStream` per
 * stream) and its read API is per stream (`readStream`); its global read lives in consumers,
 * which also store checkpoints, so it is not used here.
 *
 * @module
 */
import { STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett"
import { getPostgreSQLEventStore } from "@event-driven-io/emmett-postgresql"
import type { PostgresEventStore } from "@event-driven-io/emmett-postgresql"
import pg from "pg"
import { budgetLine, concurrentWriters, timed } from "./workload.ts"
import type { Measure, Sizes } from "./workload.ts"

/** An Emmett event carrying the synthetic budget line; the envelope fields we keep go to metadata. */
const emmettEvent = (runId: string, stream: number, i: number) => ({
  type: "BenchLineRecorded",
  data: budgetLine(stream, i),
  metadata: { eventId: `${runId}-${stream}-${i}`, actor: "bench", occurredAt: "2026-01-15" },
})

const range = (n: number): ReadonlyArray<number> => Array.from({ length: n }, (_, i) => i)

const streamName = (runId: string, label: string, s: number): string => `bench-${runId}${label}${s}`

/**
 * Opens Emmett's store on `connectionString` and creates its schema (untimed). Emmett is handed a
 * pool of ours rather than opening its own: the pool dumbo opens has no "error" listener, and
 * `pg.Pool.end()` resolves before its idle clients' backends have exited, so dropping the scratch
 * database `WITH (FORCE)` right after `close()` could terminate one of them and the pool's
 * unhandled "error" event killed the whole run. `close()` ends this pool.
 */
export const openEmmett = async (connectionString: string): Promise<PostgresEventStore> => {
  const pool = new pg.Pool({ connectionString, max: 10, application_name: "ledger-bench-emmett" })
  pool.on("error", () => undefined)
  pool.on("connect", (client) => client.on("error", () => undefined))
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } })
  try {
    await store.schema.migrate()
  } catch (error) {
    await pool.end()
    throw error
  }
  return {
    ...store,
    close: async () => {
      await store.close()
      await pool.end()
    },
  }
}

/** (a) One `appendToStream` of `perStream` events per new stream, sequentially. */
export const emmettBatchedAppend = async (
  store: PostgresEventStore,
  runId: string,
  sizes: Pick<Sizes, "streams" | "perStream">,
): Promise<{ readonly measure: Measure; readonly streamNames: ReadonlyArray<string> }> => {
  const names = range(sizes.streams).map((s) => streamName(runId, "batch", s))
  const batches = range(sizes.streams).map((s) => range(sizes.perStream).map((i) => emmettEvent(runId, s, i)))
  const measure = await timed(async () => {
    for (const [s, events] of batches.entries()) {
      await store.appendToStream(names[s] as string, events, { expectedStreamVersion: STREAM_DOES_NOT_EXIST })
    }
    return sizes.streams * sizes.perStream
  })
  return { measure, streamNames: names }
}

/** (b) The bulk import as Emmett can do it: one `appendToStream` per stream (no multi-stream call). */
export const emmettBulkImport = (
  store: PostgresEventStore,
  runId: string,
  sizes: Pick<Sizes, "bulkTotal" | "bulkPerCall" | "bulkStreamsPerCall">,
): Promise<Measure> => {
  const perStream = Math.ceil(sizes.bulkPerCall / sizes.bulkStreamsPerCall)
  const streams = Math.ceil(sizes.bulkTotal / perStream)
  const batches = range(streams).map((s) => range(perStream).map((i) => emmettEvent(runId, s, i)))
  return timed(async () => {
    let n = 0
    for (const [s, events] of batches.entries()) {
      await store.appendToStream(streamName(runId, "bulk", s), events, {
        expectedStreamVersion: STREAM_DOES_NOT_EXIST,
      })
      n += events.length
    }
    return n
  }, `${streams} appendToStream calls × ${perStream} events (no multi-stream append)`)
}

/** (c) `writers` loops, each appending one event at a time to its own stream with an exact expected version. */
export const emmettConcurrentAppends = (
  store: PostgresEventStore,
  runId: string,
  sizes: Pick<Sizes, "writers" | "writerMs" | "maxPerWriter">,
): Promise<Measure> =>
  concurrentWriters(sizes.writers, sizes.writerMs, sizes.maxPerWriter, async (w, n) => {
    await store.appendToStream(streamName(runId, "writer", w), [emmettEvent(runId, w, n)], {
      expectedStreamVersion: n === 0 ? STREAM_DOES_NOT_EXIST : BigInt(n),
    })
  })

/** (d) Every event of the given streams through `readStream` (payloads parsed from JSONB by pg). */
export const emmettReadStreams = (
  store: PostgresEventStore,
  names: ReadonlyArray<string>,
): Promise<Measure> =>
  timed(async () => {
    let n = 0
    for (const name of names) n += (await store.readStream(name)).events.length
    return n
  }, `readStream × ${names.length}`)
