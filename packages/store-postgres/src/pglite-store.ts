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
import { PGLITE_OPTIONS } from "./pglite-options.ts"
import { openPgliteThread } from "./pglite-thread.ts"
import { type TransactionalEventStore, withTransactions } from "./transaction.ts"

/** Options of {@link makePgliteEventStore}. @category models */
export interface PgliteStoreOptions {
  /** Data folder; undefined keeps the database in memory. */
  readonly dataDir?: string | undefined
  /** Migrate only up to and including this migration (upgrade rehearsals); default: all. */
  readonly migrateUpTo?: string | undefined
  /**
   * Run PGlite in a worker thread (`pglite-thread.ts`), off the thread that calls the store: the
   * API server's choice, so HTTP and the service's work overlap the database's on a second core.
   */
  readonly thread?: boolean | undefined
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

/** {@link openPglite}, with PGlite in a worker thread (`pglite-thread.ts`). */
const openPgliteInThread = (
  options: PgliteStoreOptions,
): Effect.Effect<
  { readonly db: Kysely<Database>; readonly lock?: StoreLock | undefined },
  StoreUnavailable | SchemaTooNew
> =>
  Effect.gen(function* () {
    const lock = options.dataDir === undefined ? undefined : acquireStoreLock(options.dataDir)
    if (lock instanceof StoreUnavailable) return yield* Effect.fail(lock)
    const queries = yield* Effect.tryPromise({
      try: () => openPgliteThread(options.dataDir),
      catch: (error) => {
        lock?.release()
        return new StoreUnavailable({ reason: `cannot open PGlite: ${String(error)}` })
      },
    })
    // The dialect calls only `query` and `close` of its PGlite (kysely-pglite-dialect's driver).
    const db = new Kysely<Database>({ dialect: new PGliteDialect(queries as PGlite) })
    yield* Effect.tapError(migrate(db, options.migrateUpTo), () =>
      Effect.promise(() => db.destroy().finally(() => lock?.release())),
    )
    return { db, lock }
  })

/**
 * Opens the embedded store (migrating it) and returns the EventStore.
 * @category constructors
 */
export const makePgliteEventStore = (
  options: PgliteStoreOptions = {},
): Effect.Effect<TransactionalEventStore, StoreUnavailable | SchemaTooNew> =>
  Effect.map(options.thread === true ? openPgliteInThread(options) : openPglite(options), ({ db, lock }) =>
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
