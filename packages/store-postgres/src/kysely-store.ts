/**
 * The EventStore on any Kysely PostgreSQL connection (pg pool or PGlite): one `ledger_append`
 * call per append (the database stamps `recordedAt`), reads through Kysely's query builder over
 * the `Database` interface (or the pg pool's own reads, `pg-read.ts`, when given), gap-safe
 * `readAll`, and `verify` as one ordered streaming query. The two public constructors
 * (`pg-store.ts`, `pglite-store.ts`) only differ in how they connect.
 */
import { Effect, Result } from "effect"
import { CompiledQuery, sql } from "kysely"
import type { Kysely } from "kysely"
import {
  decodeStoredRow,
  IdempotencyConflict,
  LedgerIntegrity,
  makeChainVerifier,
  prepareAppend,
  StoreUnavailable,
  StreamVersionConflict,
} from "@ledger/eventstore"
import type {
  AppendError,
  AppendResult,
  ChainVerifier,
  EventStoreShape,
  PreparedAppend,
  StoredEvent,
  StreamHead,
  VerifyResult,
} from "@ledger/eventstore"
import type { Database } from "./database.ts"
import { type AppendCall, appendCallOf } from "./append-call.ts"
import { READ_ALL, READ_STREAM, type RowReads } from "./pg-read.ts"

/** How the store releases its connection(s), and the reads that bypass Kysely (pg pool, see `pg-read.ts`). */
export interface KyselyStoreOptions {
  readonly destroy: () => Promise<void>
  readonly reads?: RowReads | undefined
  /** Runs the append call itself (pg pool: a named prepared statement, see `pg-append.ts`); its result text. */
  readonly append?: ((call: AppendCall) => Promise<string | undefined>) | undefined
}

interface PgError {
  readonly message?: string
  readonly detail?: string
}

const toUnavailable = (error: unknown): StoreUnavailable =>
  new StoreUnavailable({ reason: error instanceof Error ? error.message : String(error) })

/** Maps a `ledger_append` (or `ledger_copy_*`) failure to the typed append error. */
export const mapAppendError = (prepared: PreparedAppend, error: unknown): AppendError => {
  const e = (typeof error === "object" && error !== null ? error : {}) as PgError
  switch (e.message) {
    case "ledger:idempotency-conflict":
      return new IdempotencyConflict({ key: e.detail ?? prepared.idempotencyKey, scope: "append" })
    case "ledger:event-conflict":
      return new IdempotencyConflict({ key: e.detail ?? "", scope: "event" })
    case "ledger:version-conflict": {
      const { streamId, actual } = JSON.parse(e.detail ?? "{}") as { streamId: string; actual: number }
      const stream = prepared.streams.find((s) => s.streamId === streamId)
      return new StreamVersionConflict({
        streamId,
        expected: stream?.expectedVersion ?? { _tag: "Any" },
        actual,
      })
    }
    default:
      return toUnavailable(error)
  }
}

/** The call through Kysely (PGlite, a transaction's connection). */
const kyselyCall = (c: AppendCall) => sql<{ result: string }>`select ledger_append(
  ${c.key}, ${c.requestHash}, ${c.recordedAt}, ${c.streams}::text[], ${c.expected}::int[], ${c.counts}::int[],
  ${c.dups}::int[], ${c.eventIds}::text[], ${c.types}::text[], ${c.keys}::text[], ${c.occurred}::text[],
  ${c.bodyHashes}::text[],
  ${typeof c.contents === "string" ? sql`string_to_array(${c.contents}::text, chr(30))` : sql`${c.contents}::text[]`}
) as result`

/**
 * The request hash kept under an idempotency key, where `ledger_append` keeps it: the first event
 * row the call wrote (`request_key`, migration 6) or, for older calls and calls that appended no
 * event, `append_requests`.
 */
const STORED_REQUEST_HASH = `select coalesce(
  (select request_hash from append_requests where idempotency_key = $1),
  (select request_hash from events where request_key = $1 limit 1)) as request_hash`

/** A row of the read statements (position as the driver returns an int8: text). */
type EventRow = { position: string; canonical: string; hash: string }

const toEvent = (row: EventRow): StoredEvent =>
  decodeStoredRow({ position: Number(row.position), canonical: row.canonical, hash: row.hash })

/**
 * Wraps a migrated Kysely database as an EventStore.
 * @category constructors
 */
export const makeKyselyEventStore = (db: Kysely<Database>, options: KyselyStoreOptions): EventStoreShape => {
  let closed = false
  const closedError = () => new StoreUnavailable({ reason: "the store was closed" })
  /** Runs `run` unless the store is closed, its failure typed by `onError`. */
  const guarded = <A, E>(
    run: () => Promise<A>,
    onError: (e: unknown) => E,
  ): Effect.Effect<A, E | StoreUnavailable> =>
    Effect.suspend((): Effect.Effect<A, E | StoreUnavailable> =>
      closed ? Effect.fail(closedError()) : Effect.tryPromise({ try: run, catch: onError }),
    )
  const query = <A>(run: () => Promise<A>): Effect.Effect<A, StoreUnavailable> => guarded(run, toUnavailable)
  /** A read: a stored row that does not decode is broken history (decodeStoredRow), not an outage. */
  const read = <A>(run: () => Promise<A>): Effect.Effect<A, StoreUnavailable | LedgerIntegrity> =>
    guarded(run, (e) => (e instanceof LedgerIntegrity ? e : toUnavailable(e)))

  const runCall =
    options.append ?? (async (c: AppendCall) => (await kyselyCall(c).execute(db)).rows[0]?.result)

  /**
   * An append as one Effect primitive: prepare, then the call, resumed from the call's promise.
   * The Effect runtime is a share of every single-event append, and what the runtime executes
   * per call runs with cold caches on a loaded machine (see docs/performance.md, "Node's CPU per
   * single-event call"); `Effect.suspend` around `Effect.tryPromise` of an async function was
   * two primitives and three promises where this is one and two, with the same results and errors.
   */
  const append: EventStoreShape["append"] = (requests, appendOptions) =>
    Effect.callback<AppendResult, AppendError>((resume) => {
      // recordedAt is the database's clock, filled in by ledger_append (migration 3).
      const prepared = prepareAppend(requests, appendOptions, "database")
      if (Result.isFailure(prepared)) {
        resume(Effect.fail(prepared.failure))
        return
      }
      const p = prepared.success
      if (closed) {
        resume(Effect.fail(closedError()))
        return
      }
      const failed = (error: unknown) => resume(Effect.fail(mapAppendError(p, error)))
      try {
        runCall(appendCallOf(p)).then((text) => {
          try {
            resume(Effect.succeed(JSON.parse(text ?? "null") as AppendResult))
          } catch (error) {
            failed(error)
          }
        }, failed)
      } catch (error) {
        failed(error)
      }
    })

  const heads = (streamId?: string) =>
    query(async () => {
      const rows = await db
        .selectFrom("streams")
        .select(["stream_id", "version", "head_position", "head_hash"])
        .$if(streamId !== undefined, (qb) => qb.where("stream_id", "=", streamId ?? ""))
        // Byte order, as the in-memory store sorts (the database's collation may differ).
        .orderBy(sql`stream_id collate "C"`)
        .execute()
      return rows.map((r): StreamHead => ({
        streamId: r.stream_id,
        version: r.version,
        position: Number(r.head_position),
        hash: r.head_hash,
      }))
    })

  /**
   * One ordered streaming query: every event in position order, each stream's recorded head on
   * the row at its head position (or alone, when no event is there), and the position from which
   * the database clock stamps `recordedAt`.
   */
  const verify = (): Effect.Effect<VerifyResult, StoreUnavailable> =>
    query(async () => {
      const rows = db
        .selectFrom("events as e")
        .fullJoin("streams as s", (join) =>
          join.onRef("s.stream_id", "=", "e.stream_id").onRef("s.head_position", "=", "e.position"),
        )
        .select((eb) => [
          "e.position",
          "e.stream_id",
          "e.version",
          "e.event_id",
          "e.type",
          "e.idempotency_key",
          "e.occurred_key",
          "e.recorded_at",
          "e.body_hash",
          "e.canonical",
          "e.prev_hash",
          "e.hash",
          "s.stream_id as head_stream",
          "s.version as head_version",
          "s.head_hash",
          "s.head_position",
          eb.selectFrom("ledger_schema").select("clock_from_position").as("clock_from"),
        ])
        .orderBy((eb) => eb.fn.coalesce("e.position", "s.head_position"))
        .stream(500)
      let verifier: ChainVerifier | undefined
      for await (const r of rows) {
        verifier ??= makeChainVerifier(Number(r.clock_from ?? 0))
        if (
          r.head_stream !== null &&
          r.head_version !== null &&
          r.head_hash !== null &&
          r.head_position !== null
        )
          verifier.head(r.head_stream, {
            version: r.head_version,
            hash: r.head_hash,
            position: Number(r.head_position),
          })
        if (r.position === null) continue
        verifier.row({
          position: Number(r.position),
          streamId: r.stream_id ?? "",
          version: r.version ?? 0,
          eventId: r.event_id ?? "",
          type: r.type ?? "",
          idempotencyKey: r.idempotency_key ?? "",
          occurredKey: r.occurred_key ?? "",
          recordedAt: r.recorded_at ?? "",
          bodyHash: r.body_hash ?? "",
          canonical: r.canonical ?? "",
          prevHash: r.prev_hash ?? "",
          hash: r.hash ?? "",
        })
      }
      return (verifier ?? makeChainVerifier()).result()
    })

  return {
    append,
    readStream: (streamId, readOptions = {}) =>
      read(async () => {
        if (options.reads !== undefined)
          return options.reads.readStream(streamId, readOptions.fromVersion ?? 1)
        const { rows } = await db.executeQuery<EventRow>(
          CompiledQuery.raw(READ_STREAM, [streamId, readOptions.fromVersion ?? 1]),
        )
        return rows.map(toEvent)
      }),
    // Gap-safe: see READ_ALL.
    readAll: (readOptions = {}) =>
      read(async () => {
        if (options.reads !== undefined)
          return options.reads.readAll(readOptions.fromPosition ?? 0, readOptions.limit)
        const { rows } = await db.executeQuery<EventRow>(
          CompiledQuery.raw(READ_ALL, [readOptions.fromPosition ?? 0, readOptions.limit ?? null]),
        )
        return rows.map(toEvent)
      }),
    storedRequestHash: (key) =>
      query(async () => {
        const { rows } = await db.executeQuery<{ request_hash: string | null }>(
          CompiledQuery.raw(STORED_REQUEST_HASH, [key]),
        )
        return rows[0]?.request_hash ?? undefined
      }),
    listStreams: () => heads(),
    head: (streamId) => Effect.map(heads(streamId), (list) => list[0]),
    verify,
    close: () =>
      Effect.promise(async () => {
        if (closed) return
        closed = true
        await options.destroy().catch(() => undefined)
      }),
  }
}
