/**
 * The EventStore on a PostgreSQL server through pg (`DATABASE_URL`). Connecting is bounded by
 * `connectTimeoutMs` (default 5 s), so an unreachable server is a typed error, never a hang.
 */
import { Effect, Layer } from "effect"
import { Kysely, PostgresDialect } from "kysely"
import pg from "pg"
import Cursor from "pg-cursor"
import { EventStore } from "@ledger/eventstore"
import type { SchemaTooNew, StoreUnavailable } from "@ledger/eventstore"
import type { Database } from "./database.ts"
import { makeKyselyEventStore } from "./kysely-store.ts"
import { makePgAppendCall } from "./pg-append.ts"
import { makePgReads } from "./pg-read.ts"
import { checkSchema, migrate } from "./migrate.ts"
import { type TransactionalEventStore, withTransactions } from "./transaction.ts"

/** Options of {@link makePgEventStore}. @category models */
export interface PgStoreOptions {
  readonly connectionString: string
  /** Run migrations on open (needs the owner role). Default true; the app role uses false. */
  readonly migrate?: boolean | undefined
  readonly connectTimeoutMs?: number | undefined
  readonly maxConnections?: number | undefined
}

/** Opens a pg pool as a Kysely database (no schema check). @category constructors */
export const makePgKysely = (options: PgStoreOptions): Kysely<Database> => makePgPool(options).db

/** A pg pool and the Kysely database on it. */
const makePgPool = (options: PgStoreOptions): { readonly db: Kysely<Database>; readonly pool: pg.Pool } => {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    max: options.maxConnections ?? 10,
    application_name: "ledger-eventstore",
  })
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => undefined)
  // Nor may a checked-out client whose backend is terminated mid-transaction (pg_terminate_backend):
  // its query fails (StoreUnavailable), and the client's own "error" event must not go unhandled.
  pool.on("connect", (client) => client.on("error", () => undefined))
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) }), pool }
}

/**
 * Connects, migrates (or only checks the schema version) and returns the store.
 * @category constructors
 */
export const makePgEventStore = (
  options: PgStoreOptions,
): Effect.Effect<TransactionalEventStore, StoreUnavailable | SchemaTooNew> =>
  Effect.gen(function* () {
    const { db, pool } = makePgPool(options)
    const ready = options.migrate === false ? checkSchema(db) : migrate(db)
    yield* Effect.tapError(ready, () => Effect.promise(() => db.destroy()))
    const store = makeKyselyEventStore(db, {
      destroy: () => db.destroy(),
      reads: makePgReads(pool),
      append: makePgAppendCall(pool),
    })
    return withTransactions(db, store, pool)
  })

/** A Layer providing the PostgreSQL {@link EventStore}; the pool closes with the Layer's scope. @category layers */
export const layerPg = (options: PgStoreOptions): Layer.Layer<EventStore, StoreUnavailable | SchemaTooNew> =>
  Layer.effect(
    EventStore,
    Effect.acquireRelease(makePgEventStore(options), (store) => store.close()),
  )
