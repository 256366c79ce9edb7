/**
 * The embedded EventStore: PostgreSQL compiled to WebAssembly (PGlite), in a folder (default
 * `./.ledger`) or in memory, on the same migrations and queries as the server store.
 */
import { PGlite } from "@electric-sql/pglite"
import { Effect, Layer } from "effect"
import { Kysely } from "kysely"
import { PGliteDialect } from "kysely-pglite-dialect"
import { EventStore, StoreUnavailable } from "@ledger/eventstore"
import type { SchemaTooNew } from "@ledger/eventstore"
import type { Database } from "./database.ts"
import { makeKyselyEventStore } from "./kysely-store.ts"
import { migrate } from "./migrate.ts"
import { acquireStoreLock, type StoreLock } from "./pglite-lock.ts"
import { type TransactionalEventStore, withTransactions } from "./transaction.ts"

/** Options of {@link makePgliteEventStore}. @category models */
export interface PgliteStoreOptions {
  /** Data folder; undefined keeps the database in memory. */
  readonly dataDir?: string | undefined
  /** Migrate only up to and including this migration (upgrade rehearsals); default: all. */
  readonly migrateUpTo?: string | undefined
}

/**
 * Smaller buffers than PostgreSQL's defaults (shared_buffers 128 MB → 16 MB): PGlite's memory is
 * resident in the Node process, and one department's working set is a few MB. Measured on opening
 * a folder: 846 → 687 MB RSS; the rest is the WebAssembly module, its heap and the runtime
 * (docs/performance.md, "pnpm start memory").
 */
const PGLITE_OPTIONS = {
  startParams: [
    ...PGlite.defaultStartParams,
    ...["-c", "shared_buffers=16MB", "-c", "wal_buffers=1MB", "-c", "temp_buffers=2MB"],
    ...["-c", "work_mem=4MB", "-c", "maintenance_work_mem=16MB"],
  ],
}

/** The folder the CLI and API use when none is given. @category models */
export const DEFAULT_PGLITE_DIR = "./.ledger"

/** Opens (and migrates) a PGlite database as Kysely; `pglite` is exposed for tests that tamper. @category constructors */
export const openPglite = (
  options: PgliteStoreOptions,
): Effect.Effect<
  { readonly db: Kysely<Database>; readonly pglite: PGlite; readonly lock?: StoreLock | undefined },
  StoreUnavailable | SchemaTooNew
> =>
  Effect.gen(function* () {
    // A folder has one writer at a time (see pglite-lock.ts); an in-memory database needs no lock.
    const lock = options.dataDir === undefined ? undefined : acquireStoreLock(options.dataDir)
    if (lock instanceof StoreUnavailable) return yield* Effect.fail(lock)
    const pglite = yield* Effect.tryPromise({
      try: async () => {
        const instance =
          options.dataDir === undefined
            ? new PGlite(PGLITE_OPTIONS)
            : new PGlite(options.dataDir, PGLITE_OPTIONS)
        await instance.waitReady
        return instance
      },
      catch: (error) => {
        lock?.release()
        return new StoreUnavailable({ reason: `cannot open PGlite: ${String(error)}` })
      },
    })
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
    yield* Effect.tapError(migrate(db, options.migrateUpTo), () =>
      Effect.promise(() => db.destroy().finally(() => lock?.release())),
    )
    return { db, pglite, lock }
  })

/**
 * Opens the embedded store (migrating it) and returns the EventStore.
 * @category constructors
 */
export const makePgliteEventStore = (
  options: PgliteStoreOptions = {},
): Effect.Effect<TransactionalEventStore, StoreUnavailable | SchemaTooNew> =>
  Effect.map(openPglite(options), ({ db, lock }) =>
    withTransactions(
      db,
      makeKyselyEventStore(db, { destroy: () => db.destroy().finally(() => lock?.release()) }),
    ),
  )

/** A Layer providing the PGlite {@link EventStore}; closed with the Layer's scope. @category layers */
export const layerPglite = (
  options: PgliteStoreOptions = {},
): Layer.Layer<EventStore, StoreUnavailable | SchemaTooNew> =>
  Layer.effect(
    EventStore,
    Effect.acquireRelease(makePgliteEventStore(options), (store) => store.close()),
  )
