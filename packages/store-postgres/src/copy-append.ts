/**
 * The COPY path of a bulk append (migration 5), for the streaming import on PostgreSQL: one
 * `ledger_copy_begin` (locks, idempotency and version checks, a reserved position range and
 * database-clock instant, the stream heads), the hash chain computed here from those heads
 * (`copy-rows.ts`), the
 * rows streamed with `COPY … FROM STDIN` into the session's staging table, and one
 * `ledger_copy_commit` that re-checks every row set-based and writes them into `events` and
 * `streams`. The same result and errors as `append`, without the request-level replay record
 * (each event's own key makes a repeat append nothing). Runs only inside a transaction: the
 * staging tables are dropped at its commit.
 *
 * @module
 */
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { Effect, Result } from "effect"
import { sql } from "kysely"
import type { Kysely } from "kysely"
import type pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { DATABASE_CLOCK_PLACEHOLDER, prepareAppend, StoreUnavailable } from "@ledger/eventstore"
import type {
  AppendError,
  AppendResult,
  EventStoreShape,
  ExpectedVersion,
  PreparedAppend,
} from "@ledger/eventstore"
import type { Database } from "./database.ts"
import { copyRows, type CopyEvent } from "./copy-rows.ts"
import { mapAppendError } from "./kysely-store.ts"

interface Begun {
  readonly recordedAt: string | null
  readonly firstPosition: number | null
  readonly heads: ReadonlyArray<{ readonly version: number; readonly hash: string; readonly fresh: number }>
  readonly skip: ReadonlyArray<number> | null
}

const COLUMNS =
  "ord, stream_id, version, event_id, type, idempotency_key, occurred_key, body_hash, content, prev_hash, hash"

/** A prepared append whose events' contents may be UTF-8 bytes (`CopyEvent`): what COPY writes. */
interface CopyAppend {
  readonly idempotencyKey: string
  readonly streams: ReadonlyArray<
    Pick<PreparedAppend["streams"][number], "streamId" | "expectedVersion" | "duplicatesInRequest"> & {
      readonly events: ReadonlyArray<CopyEvent>
    }
  >
}

const resultOf = (p: CopyAppend, begun: Begun): AppendResult => {
  const total = begun.heads.reduce((n, h) => n + h.fresh, 0)
  const first = begun.firstPosition
  return {
    streams: p.streams.map((s, i) => {
      const head = begun.heads[i] ?? { version: 0, hash: "", fresh: 0 }
      return {
        streamId: s.streamId,
        fromVersion: head.version + 1,
        toVersion: head.version + head.fresh,
        appended: head.fresh,
        skipped: s.events.length - head.fresh + s.duplicatesInRequest,
      }
    }),
    positions: first === null ? [] : Array.from({ length: total }, (_, k) => first + k),
    firstPosition: first,
    lastPosition: first === null || total === 0 ? null : first + total - 1,
  }
}

/** Begins, COPYs and commits an already prepared append; its errors are pg's, mapped by the caller. */
const copyAppend = async (
  conn: Kysely<Database>,
  client: pg.ClientBase,
  p: CopyAppend,
): Promise<AppendResult> => {
  const events = p.streams.flatMap((s) => s.events)
  const begin = await sql<{ r: string }>`select ledger_copy_begin(
    ${p.streams.map((s) => s.streamId)}::text[],
    ${p.streams.map((s) => (s.expectedVersion._tag === "Exact" ? s.expectedVersion.version : s.expectedVersion._tag === "NoStream" ? 0 : -1))}::int[],
    ${p.streams.map((s) => s.events.length)}::int[],
    ${events.map((e) => e.idempotencyKey)}::text[],
    ${events.map((e) => e.bodyHash)}::text[]) as r`.execute(conn)
  const begun = JSON.parse(begin.rows[0]?.r ?? "null") as Begun
  if (begun.heads.some((h) => h.fresh > 0))
    await pipeline(
      Readable.from(copyRows(p.streams, begun, new Set(begun.skip ?? []))),
      client.query(copyFrom(`COPY pg_temp.ledger_copy_rows (${COLUMNS}) FROM STDIN`)),
    )
  await sql`select ledger_copy_commit()`.execute(conn)
  return resultOf(p, begun)
}

const run = (p: CopyAppend, write: () => Promise<AppendResult>): Effect.Effect<AppendResult, AppendError> =>
  Effect.tryPromise({
    try: write,
    catch: (error): AppendError =>
      error instanceof StoreUnavailable
        ? error
        : // The error names a key or a stream: the events themselves are not needed.
          mapAppendError(
            {
              idempotencyKey: p.idempotencyKey,
              requestHash: "",
              recordedAt: DATABASE_CLOCK_PLACEHOLDER,
              streams: p.streams.map((s) => ({ ...s, events: [] })),
            },
            error,
          ),
  })

/**
 * A bulk `append` over `conn` (a Kysely bound to `client`'s open transaction), writing by COPY.
 * @category constructors
 */
export const makeCopyAppend =
  (conn: Kysely<Database>, client: pg.ClientBase): EventStoreShape["append"] =>
  (requests, options) =>
    Effect.suspend(() => {
      const prepared = prepareAppend(requests, options, "database")
      if (Result.isFailure(prepared)) return Effect.fail(prepared.failure)
      const p = prepared.success
      return run(p, () => copyAppend(conn, client, p))
    })

/**
 * Events of one stream, each made by `prepareEvent` from an already-validated event (its content
 * may be handed over as UTF-8 bytes, `CopyEvent`). @category models
 */
interface PreparedBulkStream {
  readonly streamId: string
  readonly events: ReadonlyArray<CopyEvent>
  /** What the stream's version must be before these events (default: any). */
  readonly expectedVersion?: ExpectedVersion | undefined
}

/**
 * The COPY path for a caller that has validated and prepared every event itself (the streaming
 * import, with `prepareEvent`), so the request is not decoded and canonicalized a second time:
 * each stream once, no key twice within a stream, any expected version unless one is given. The
 * database checks are the same as for {@link makeCopyAppend}.
 * @category constructors
 */
export const makeCopyAppendPrepared =
  (conn: Kysely<Database>, client: pg.ClientBase) =>
  (
    streams: ReadonlyArray<PreparedBulkStream>,
    options: { readonly idempotencyKey: string },
  ): Effect.Effect<AppendResult, AppendError> =>
    Effect.suspend(() => {
      const p: CopyAppend = {
        idempotencyKey: options.idempotencyKey,
        streams: streams.map((s) => ({
          streamId: s.streamId,
          events: s.events,
          expectedVersion: s.expectedVersion ?? { _tag: "Any" },
          duplicatesInRequest: 0,
        })),
      }
      return run(p, () => copyAppend(conn, client, p))
    })
