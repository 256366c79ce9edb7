/**
 * Runs the frozen migrations and guards against a database written by a newer release. The
 * migration list is static (no folder scanning), so the built package carries its migrations.
 */
import { Effect } from "effect"
import { Migrator, sql } from "kysely"
import type { Kysely, Migration } from "kysely"
import type { Database } from "./database.ts"
import { SchemaTooNew, StoreUnavailable } from "@ledger/eventstore"
import * as m20261129 from "./migrations/2026-11-29T1200_create_events.ts"
import * as m20261129b from "./migrations/2026-11-29T1500_append_unnest.ts"
import * as m20261130 from "./migrations/2026-11-30T0900_database_clock.ts"
import * as m20261130c from "./migrations/2026-11-30T1100_partition_by_year.ts"
import * as m20261130d from "./migrations/2026-11-30T2300_copy_append.ts"
import * as m20261201 from "./migrations/2026-12-01T0900_append_one_row.ts"
import * as m20261202 from "./migrations/2026-12-02T0900_append_fewer_statements.ts"
import * as m20261203 from "./migrations/2026-12-03T0900_append_without_waits.ts"

/** Every migration, by its frozen name. @category models */
export const migrations: Readonly<Record<string, Migration>> = {
  "2026-11-29T1200_create_events": m20261129,
  "2026-11-29T1500_append_unnest": m20261129b,
  "2026-11-30T0900_database_clock": m20261130,
  "2026-11-30T1100_partition_by_year": m20261130c,
  "2026-11-30T2300_copy_append": m20261130d,
  "2026-12-01T0900_append_one_row": m20261201,
  "2026-12-02T0900_append_fewer_statements": m20261202,
  "2026-12-03T0900_append_without_waits": m20261203,
}

/** The schema version this release writes and reads. @category models */
export const KNOWN_SCHEMA_VERSION = 8

const unavailable = (error: unknown) =>
  new StoreUnavailable({ reason: error instanceof Error ? error.message : String(error) })

/**
 * The schema version recorded in the database (0 when no migration has run yet).
 * @category constructors
 */
export const schemaVersion = (db: Kysely<Database>): Effect.Effect<number, StoreUnavailable> =>
  Effect.tryPromise({
    try: async () => {
      const exists = await sql<{ t: string | null }>`select to_regclass('ledger_schema')::text as t`.execute(
        db,
      )
      if (exists.rows[0]?.t == null) return 0
      const row = await db
        .selectFrom("ledger_schema")
        .select("version")
        .where("id", "=", 1)
        .executeTakeFirst()
      return row?.version ?? 0
    },
    catch: unavailable,
  })

/** Fails with {@link SchemaTooNew} when the database is ahead of this release. @category constructors */
export const checkSchema = (db: Kysely<Database>): Effect.Effect<number, StoreUnavailable | SchemaTooNew> =>
  Effect.flatMap(schemaVersion(db), (found) =>
    found > KNOWN_SCHEMA_VERSION
      ? Effect.fail(new SchemaTooNew({ found, known: KNOWN_SCHEMA_VERSION }))
      : Effect.succeed(found),
  )

/**
 * Brings the database to {@link KNOWN_SCHEMA_VERSION} — or only up to and including the migration
 * named `upTo`, to rehearse an upgrade from an older release's schema. Running it again changes
 * nothing; a newer database is refused before anything is touched. Needs the owner role.
 * @category constructors
 */
export const migrate = (
  db: Kysely<Database>,
  upTo?: string,
): Effect.Effect<number, StoreUnavailable | SchemaTooNew> =>
  Effect.gen(function* () {
    // Already current: touch nothing, so the application role (no CREATE privilege) can open the store.
    if ((yield* checkSchema(db)) === KNOWN_SCHEMA_VERSION) return KNOWN_SCHEMA_VERSION
    const names = Object.keys(migrations)
    const last = upTo === undefined ? names.length - 1 : names.indexOf(upTo)
    if (last < 0) return yield* Effect.fail(unavailable(new Error(`no migration named ${upTo ?? ""}`)))
    const chosen = Object.fromEntries(Object.entries(migrations).slice(0, last + 1))
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(chosen) } })
    const { error, results } = yield* Effect.promise(() => migrator.migrateToLatest())
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown"
      return yield* Effect.fail(
        unavailable(
          new Error(
            `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
          ),
        ),
      )
    }
    return yield* checkSchema(db)
  })
