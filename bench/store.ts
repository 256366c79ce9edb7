/**
 * The four event-store workloads on our EventStore port (PostgreSQL or PGlite, the same code):
 * batched append, bulk import, concurrent single-event writers and a decoded read of everything,
 * plus the client-side share of an append (`prepareAppend`: validate, canonicalise, hash) so a
 * slow append can be split into "in Node" and "in the database".
 *
 * @module
 */
import { Effect, Result } from "effect"
import { Expected, prepareAppend } from "@ledger/eventstore"
import type { EventStoreShape, NewEvent } from "@ledger/eventstore"
import { budgetLine, concurrentWriters, timed } from "./workload.ts"
import type { Measure, Sizes } from "./workload.ts"

/** One of our events carrying the synthetic budget line `i` of stream number `stream`. */
const ourEvent = (run: string, stream: number, i: number): NewEvent => ({
  eventId: `${run}-${stream}-${i}`,
  type: "BenchLineRecorded",
  schemaVersion: 1,
  occurredAt: "2026-01-15",
  actor: "bench",
  idempotencyKey: `line-${i}`,
  data: budgetLine(stream, i) as NewEvent["data"],
})

const range = (n: number): ReadonlyArray<number> => Array.from({ length: n }, (_, i) => i)

/** The stream id of stream number `s` of workload `label` in run `run`. */
const streamId = (run: string, label: string, s: number): string => `bench-${run}-${label}-${s}`

const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(effect)

/**
 * (a) One 1,000-event append per stream, one after the other; returns the stream ids it wrote
 * so the read workloads can read exactly these.
 */
export const batchedAppend = async (
  store: EventStoreShape,
  runId: string,
  sizes: Pick<Sizes, "streams" | "perStream">,
): Promise<{ readonly measure: Measure; readonly streamIds: ReadonlyArray<string> }> => {
  const ids = range(sizes.streams).map((s) => streamId(runId, "batch", s))
  const batches = range(sizes.streams).map((s) => range(sizes.perStream).map((i) => ourEvent(runId, s, i)))
  const measure = await timed(async () => {
    for (const [s, events] of batches.entries()) {
      const id = ids[s] as string
      await run(
        store.append(
          { streamId: id, expectedVersion: Expected.noStream, events },
          { idempotencyKey: `${id}/a` },
        ),
      )
    }
    return sizes.streams * sizes.perStream
  })
  return { measure, streamIds: ids }
}

/**
 * The calls of a bulk import: `bulkTotal` events in calls of `bulkStreamsPerCall` new streams, so
 * both (b) variants write the same events (under their own `label`'s stream ids).
 */
const bulkPlan = (
  runId: string,
  label: string,
  sizes: Pick<Sizes, "bulkTotal" | "bulkPerCall" | "bulkStreamsPerCall">,
) => {
  const calls = Math.ceil(sizes.bulkTotal / sizes.bulkPerCall)
  const perStream = Math.ceil(sizes.bulkPerCall / sizes.bulkStreamsPerCall)
  const requests = range(calls).map((c) =>
    range(sizes.bulkStreamsPerCall).map((k) => {
      const s = c * sizes.bulkStreamsPerCall + k
      return {
        streamId: streamId(runId, label, s),
        expectedVersion: Expected.noStream,
        events: range(perStream).map((i) => ourEvent(runId, s, i)),
      }
    }),
  )
  return { calls, perStream, requests }
}

/** (b) The whole import in multi-stream calls of `bulkPerCall` events (one transaction each). */
export const bulkImport = async (
  store: EventStoreShape,
  runId: string,
  sizes: Pick<Sizes, "bulkTotal" | "bulkPerCall" | "bulkStreamsPerCall">,
): Promise<Measure> => {
  const { calls, perStream, requests } = bulkPlan(runId, "bulk", sizes)
  return timed(async () => {
    let n = 0
    for (const [c, call] of requests.entries()) {
      await run(store.append(call, { idempotencyKey: `bench-${runId}-bulk-${c}` }))
      n += call.reduce((acc, r) => acc + r.events.length, 0)
    }
    return n
  }, `${calls} calls × ${sizes.bulkStreamsPerCall} streams × ${perStream} events (store.append: multi-row insert inside ledger_append)`)
}

/** A store that may run appends in one transaction, whose transaction's store may have the COPY path. */
type BulkStore = EventStoreShape & {
  readonly transaction?: <A, E>(
    body: (store: EventStoreShape) => Effect.Effect<A, E>,
  ) => Effect.Effect<A, unknown>
}

/**
 * (b) The same import through the import's path: each call in one transaction, written by the
 * transaction's `appendBulk` (PostgreSQL: `COPY` into a staging table, chain and idempotency
 * checked set-based) when the store has it, else by `append` inside the transaction.
 */
export const bulkImportCopy = async (
  store: BulkStore,
  runId: string,
  sizes: Pick<Sizes, "bulkTotal" | "bulkPerCall" | "bulkStreamsPerCall">,
): Promise<Measure> => {
  const { calls, perStream, requests } = bulkPlan(runId, "copy", sizes)
  let path = "append (no transaction)"
  const measure = await timed(async () => {
    let n = 0
    for (const [c, call] of requests.entries()) {
      const options = { idempotencyKey: `bench-${runId}-copy-${c}` }
      const write = (tx: EventStoreShape & { readonly appendBulk?: EventStoreShape["append"] }) => {
        path =
          tx.appendBulk === undefined ? "append in a transaction (no COPY path)" : "COPY path (appendBulk)"
        return (tx.appendBulk ?? tx.append)(call, options)
      }
      await run(store.transaction === undefined ? write(store) : store.transaction(write))
      n += call.reduce((acc, r) => acc + r.events.length, 0)
    }
    return n
  })
  return {
    ...measure,
    note: `${calls} transactions × ${sizes.bulkStreamsPerCall} streams × ${perStream} events, ${path}`,
  }
}

/** (c) `writers` loops, each appending one event at a time to its own stream with an exact expected version. */
export const concurrentAppends = (
  store: EventStoreShape,
  runId: string,
  sizes: Pick<Sizes, "writers" | "writerMs" | "maxPerWriter">,
): Promise<Measure> =>
  concurrentWriters(sizes.writers, sizes.writerMs, sizes.maxPerWriter, async (w, n) => {
    const id = streamId(runId, "writer", w)
    await run(
      store.append(
        { streamId: id, expectedVersion: Expected.exact(n), events: [ourEvent(runId, w, n)] },
        { idempotencyKey: `${id}/${n}` },
      ),
    )
  })

/**
 * Waits (untimed, at most `waitMs`) until a global read can see `expected` events: `readAll` only
 * returns events below the server-wide snapshot xmin, which another session's open transaction
 * on a shared server can hold back.
 */
const awaitVisible = async (store: EventStoreShape, expected: number, waitMs: number): Promise<boolean> => {
  const deadline = performance.now() + waitMs
  for (;;) {
    const page = await run(store.readAll({ fromPosition: expected - 1, limit: 1 }))
    if (page.length > 0) return true
    if (performance.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** (d) Every event of the store through `readAll`, page by page, decoded; counts what it read. */
export const readEverything = async (
  store: EventStoreShape,
  expected: number,
  pageSize: number,
): Promise<Measure> => {
  const visible = await awaitVisible(store, expected, 30_000)
  return timed(
    async () => {
      let from = 0
      let n = 0
      for (;;) {
        const page = await run(store.readAll({ fromPosition: from, limit: pageSize }))
        if (page.length === 0) return n
        n += page.length
        from = (page[page.length - 1] as { position: number }).position
      }
    },
    visible ? `readAll in pages of ${pageSize}` : `readAll: not all ${expected} events visible after 30 s`,
  )
}

/** (d') The same events stream by stream through `readStream` (what Emmett's read is compared with). */
export const readStreams = (store: EventStoreShape, ids: ReadonlyArray<string>): Promise<Measure> =>
  timed(async () => {
    let n = 0
    for (const id of ids) n += (await run(store.readStream(id))).length
    return n
  }, `readStream × ${ids.length}`)

/** The Node-side share of (a): `prepareAppend` (decode, canonical JSON, SHA-256) of the same batches, no I/O. */
export const prepareOnly = (runId: string, sizes: Pick<Sizes, "streams" | "perStream">): Promise<Measure> => {
  const batches = range(sizes.streams).map((s) => range(sizes.perStream).map((i) => ourEvent(runId, s, i)))
  return timed(async () => {
    let n = 0
    for (const [s, events] of batches.entries()) {
      const id = streamId(runId, "prep", s)
      const p = prepareAppend(
        { streamId: id, expectedVersion: Expected.noStream, events },
        { idempotencyKey: id },
        0,
      )
      if (Result.isFailure(p)) throw new Error(p.failure.message)
      n += p.success.streams[0]?.events.length ?? 0
    }
    return n
  }, "prepareAppend alone: validate, canonicalise, hash; no database")
}
