/**
 * The store's reads straight on the pg pool, without Kysely: the same statements as the Kysely reads
 * (the PGlite store and reads inside a transaction keep those), rows as arrays of raw text (no
 * type parser per value, no row objects). A read is bound by Node's CPU — pg parses rows as fast
 * as PostgreSQL sends them, then each is decoded (`JSON.parse` of the hashed text) — so what
 * counts is work per row; decoding each row as it arrives (a `row` listener) was measured and
 * cost more CPU than decoding the page once it is complete, without a shorter wall time.
 */
import type pg from "pg"
import { decodeStoredRow } from "@ledger/eventstore"
import type { StoredEvent } from "@ledger/eventstore"

/** The reads {@link makeKyselyEventStore} takes from {@link makePgReads} instead of its own. */
export interface RowReads {
  /** Events after `fromPosition` in position order, at most `limit` (none: all), gap-safe. */
  readonly readAll: (fromPosition: number, limit: number | undefined) => Promise<ReadonlyArray<StoredEvent>>
  /** A stream's events from `fromVersion` in version order. */
  readonly readStream: (streamId: string, fromVersion: number) => Promise<ReadonlyArray<StoredEvent>>
}

/**
 * `readAll`'s statement ($1 from position, $2 limit, NULL: none), for this module and the Kysely
 * reads alike. Only events whose writer's xid is below the snapshot's xmin: every transaction that
 * could still commit a lower position is then finished (positions are allocated in xid order).
 */
export const READ_ALL = `select position, canonical, hash from events
  where position > $1 and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  order by position limit $2`

/** `readStream`'s statement ($1 stream id, $2 from version), for this module and the Kysely reads alike. */
export const READ_STREAM = `select position, canonical, hash from events
  where stream_id = $1 and version >= $2 order by version`

/** Every column as pg received it (text); the caller turns position into a number. */
const rawText = { getTypeParser: () => (value: string) => value }

/** Runs `text` on `pool` and decodes each `[position, canonical, hash]` row. */
const decodedRows = async (
  pool: pg.Pool,
  text: string,
  values: ReadonlyArray<unknown>,
): Promise<ReadonlyArray<StoredEvent>> => {
  const config: pg.QueryArrayConfig = { text, values: [...values], rowMode: "array", types: rawText }
  const rows = (await pool.query<[string, string, string]>(config)).rows
  return rows.map((row) => decodeStoredRow({ position: Number(row[0]), canonical: row[1], hash: row[2] }))
}

/**
 * The pool's reads.
 * @category constructors
 */
export const makePgReads = (pool: pg.Pool): RowReads => ({
  readAll: (fromPosition, limit) => decodedRows(pool, READ_ALL, [fromPosition, limit ?? null]),
  readStream: (streamId, fromVersion) => decodedRows(pool, READ_STREAM, [streamId, fromVersion]),
})
