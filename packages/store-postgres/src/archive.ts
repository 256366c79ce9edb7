/**
 * Archiving closed fiscal years (schema 4): a year's `events` and `streams` partitions are detached
 * from the log — they stay in the database as plain tables (`events_y2024`, `streams_y2024`) to be
 * dumped with `pg_dump -t` and dropped, or kept — and attached again when an auditor needs them
 * back. While a year is archived its streams are not part of the log: reads find no such
 * department-year, appends to it are refused, and `verify` checks the years still attached.
 * Owner role only (the functions are not granted to the application role).
 */
import { Effect } from "effect"
import { sql } from "kysely"
import type { Kysely } from "kysely"
import { StoreUnavailable } from "@ledger/eventstore"
import type { Database } from "./database.ts"

/** A detached year, as recorded when it was detached. @category models */
export interface ArchivedYear {
  readonly fiscalYear: number
  readonly detachedAt: string
  readonly streams: number
  readonly events: number
  /** The highest log position it held (undefined when it held no event). */
  readonly lastPosition?: number | undefined
}

const unavailable = (error: unknown) =>
  new StoreUnavailable({ reason: error instanceof Error ? error.message : String(error) })

/** Detaches a closed year's partitions; returns the names of the two tables left behind. @category constructors */
export const detachYear = (db: Kysely<Database>, year: number): Effect.Effect<string, StoreUnavailable> =>
  Effect.tryPromise({
    try: async () => {
      const r = await sql<{ tables: string }>`select ledger_detach_year(${year}) as tables`.execute(db)
      return r.rows[0]?.tables ?? ""
    },
    catch: unavailable,
  })

/** Attaches an archived year's partitions (restored beforehand if they were dropped). @category constructors */
export const attachYear = (db: Kysely<Database>, year: number): Effect.Effect<void, StoreUnavailable> =>
  Effect.tryPromise({
    try: async () => {
      await sql`select ledger_attach_year(${year})`.execute(db)
    },
    catch: unavailable,
  })

/** The years detached from the log. @category constructors */
export const archivedYears = (
  db: Kysely<Database>,
): Effect.Effect<ReadonlyArray<ArchivedYear>, StoreUnavailable> =>
  Effect.tryPromise({
    try: async () => {
      const rows = await db
        .selectFrom("ledger_archived_years")
        .select(["fiscal_year", "detached_at", "streams", "events", "last_position"])
        .orderBy("fiscal_year")
        .execute()
      return rows.map((r) => ({
        fiscalYear: r.fiscal_year,
        detachedAt: r.detached_at.toISOString(),
        streams: r.streams,
        events: Number(r.events),
        lastPosition: r.last_position === null ? undefined : Number(r.last_position),
      }))
    },
    catch: unavailable,
  })
