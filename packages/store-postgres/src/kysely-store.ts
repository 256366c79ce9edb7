/**
 * The EventStore on any Kysely PostgreSQL connection (pg pool or PGlite): one `ledger_append`
 * call per append, gap-safe `readAll`, and `verify` over the stored rows. The two public
 * constructors (`pg-store.ts`, `pglite-store.ts`) only differ in how they connect.
 */
import { Clock, Effect, Result } from "effect"
import { sql } from "kysely"
import type { Kysely, RawBuilder } from "kysely"
import {
  decodeStoredRow,
  firstFailure,
  IdempotencyConflict,
  occurredAtKey,
  prepareAppend,
  recordedAtKey,
  StoreUnavailable,
  StreamVersionConflict,
  verifyStreamChain,
} from "@ledger/eventstore"
import type {
  AppendError,
  AppendResult,
  AsOf,
  ChainFailure,
  EventStoreShape,
  PreparedAppend,
  StoredEvent,
  StoredRow,
  StreamHead,
  VerifyResult,
} from "@ledger/eventstore"
import type { Database } from "./database.ts"

/** How the store releases its connection(s). */
export interface KyselyStoreOptions {
  readonly destroy: () => Promise<void>
}

interface PgError {
  readonly message?: string
  readonly detail?: string
}

const toUnavailable = (error: unknown): StoreUnavailable =>
  new StoreUnavailable({ reason: error instanceof Error ? error.message : String(error) })

const mapAppendError = (prepared: PreparedAppend, error: unknown): AppendError => {
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

const asOfSql = (asOf: AsOf | undefined): RawBuilder<unknown> => {
  if (asOf === undefined) return sql`true`
  if ("position" in asOf) return sql`position <= ${asOf.position}`
  if ("recordedAt" in asOf) return sql`recorded_at <= ${recordedAtKey(asOf.recordedAt) ?? ""}`
  return sql`occurred_key <= ${occurredAtKey(asOf.occurredAt, true)}`
}

interface EventRow {
  position: string
  canonical: string
  hash: string
}

const toEvent = (row: EventRow): StoredEvent =>
  decodeStoredRow({ position: Number(row.position), canonical: row.canonical, hash: row.hash })

/**
 * Wraps a migrated Kysely database as an EventStore.
 * @category constructors
 */
export const makeKyselyEventStore = (db: Kysely<Database>, options: KyselyStoreOptions): EventStoreShape => {
  let closed = false
  const query = <A>(run: () => Promise<A>): Effect.Effect<A, StoreUnavailable> =>
    Effect.suspend(() =>
      closed
        ? Effect.fail(new StoreUnavailable({ reason: "the store was closed" }))
        : Effect.tryPromise({ try: run, catch: toUnavailable }),
    )

  const appendPrepared = (p: PreparedAppend): Effect.Effect<AppendResult, AppendError> => {
    const events = p.streams.flatMap((s) => s.events)
    const call = sql<{ result: string }>`select ledger_append(
      ${p.idempotencyKey}, ${p.requestHash}, ${p.recordedAt},
      ${p.streams.map((s) => s.streamId)}::text[],
      ${p.streams.map((s) => (s.expectedVersion._tag === "Exact" ? s.expectedVersion.version : s.expectedVersion._tag === "NoStream" ? 0 : -1))}::int[],
      ${p.streams.map((s) => s.events.length)}::int[],
      ${p.streams.map((s) => s.duplicatesInRequest)}::int[],
      ${events.map((e) => e.eventId)}::text[],
      ${events.map((e) => e.type)}::text[],
      ${events.map((e) => e.idempotencyKey)}::text[],
      ${events.map((e) => e.occurredKey)}::text[],
      ${events.map((e) => e.bodyHash)}::text[],
      ${events.map((e) => e.content)}::text[]
    ) as result`
    return Effect.suspend(() =>
      closed
        ? Effect.fail(new StoreUnavailable({ reason: "the store was closed" }))
        : Effect.tryPromise({
            try: async () => JSON.parse((await call.execute(db)).rows[0]?.result ?? "null") as AppendResult,
            catch: (error) => mapAppendError(p, error),
          }),
    )
  }

  const heads = (where: RawBuilder<unknown>) =>
    query(async () => {
      const rows = await sql<{
        stream_id: string
        version: number
        head_position: string
        head_hash: string
      }>`
        select stream_id, version, head_position, head_hash from streams where ${where} order by stream_id collate "C"`.execute(
        db,
      )
      return rows.rows.map((r): StreamHead => ({
        streamId: r.stream_id,
        version: r.version,
        position: Number(r.head_position),
        hash: r.head_hash,
      }))
    })

  const verify = (): Effect.Effect<VerifyResult, StoreUnavailable> =>
    query(async () => {
      const ids = await sql<{ stream_id: string }>`
        select stream_id from streams union select distinct stream_id from events order by 1`.execute(db)
      const failures: Array<ChainFailure> = []
      let checked = 0
      for (const { stream_id } of ids.rows) {
        const head = await sql<{ version: number; head_hash: string; head_position: string }>`
          select version, head_hash, head_position from streams where stream_id = ${stream_id}`.execute(db)
        const rows = await sql<Record<string, string | number>>`
          select position, stream_id, version, event_id, type, idempotency_key, occurred_key, recorded_at,
                 body_hash, canonical, prev_hash, hash
          from events where stream_id = ${stream_id} order by position`.execute(db)
        const stored = rows.rows.map((r): StoredRow => ({
          position: Number(r["position"]),
          streamId: String(r["stream_id"]),
          version: Number(r["version"]),
          eventId: String(r["event_id"]),
          type: String(r["type"]),
          idempotencyKey: String(r["idempotency_key"]),
          occurredKey: String(r["occurred_key"]),
          recordedAt: String(r["recorded_at"]),
          bodyHash: String(r["body_hash"]),
          canonical: String(r["canonical"]),
          prevHash: String(r["prev_hash"]),
          hash: String(r["hash"]),
        }))
        checked += stored.length
        const h = head.rows[0]
        const failure = verifyStreamChain(
          stream_id,
          stored,
          h && { version: h.version, hash: h.head_hash, position: Number(h.head_position) },
        )
        if (failure) failures.push(failure)
      }
      return firstFailure(failures) ?? { ok: true as const, checked, streams: ids.rows.length }
    })

  return {
    append: (requests, appendOptions) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        const prepared = prepareAppend(requests, appendOptions, now)
        return Result.isFailure(prepared) ? Effect.fail(prepared.failure) : appendPrepared(prepared.success)
      }),
    readStream: (streamId, readOptions = {}) =>
      query(async () => {
        const rows = await sql<EventRow>`
          select position, canonical, hash from events
          where stream_id = ${streamId} and version >= ${readOptions.fromVersion ?? 1} and ${asOfSql(readOptions.asOf)}
          order by version`.execute(db)
        return rows.rows.map(toEvent)
      }),
    // Only events whose writer's xid is below the snapshot's xmin: every transaction that could
    // still commit a lower position is then finished (positions are allocated in xid order).
    readAll: (readOptions = {}) =>
      query(async () => {
        const rows = await sql<EventRow>`
          select position, canonical, hash from events
          where position > ${readOptions.fromPosition ?? 0}
            and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            and ${asOfSql(readOptions.asOf)}
          order by position
          ${readOptions.limit === undefined ? sql`` : sql`limit ${readOptions.limit}`}`.execute(db)
        return rows.rows.map(toEvent)
      }),
    listStreams: () => heads(sql`true`),
    head: (streamId) => Effect.map(heads(sql`stream_id = ${streamId}`), (list) => list[0]),
    verify,
    close: () =>
      Effect.promise(async () => {
        if (closed) return
        closed = true
        await options.destroy().catch(() => undefined)
      }),
  }
}
