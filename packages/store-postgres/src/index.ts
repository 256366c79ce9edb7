/**
 * @ledger/store-postgres — the EventStore on PostgreSQL (pg) and on embedded PGlite, sharing one
 * set of frozen Kysely migrations and one implementation.
 */
export type {
  AppendRequestsTable,
  Database,
  EventsTable,
  LedgerArchivedYearsTable,
  LedgerSchemaTable,
  StreamsTable,
} from "./database.ts"
export { archivedYears, attachYear, detachYear } from "./archive.ts"
export type { ArchivedYear } from "./archive.ts"
export { makeKyselyEventStore } from "./kysely-store.ts"
export type { KyselyStoreOptions } from "./kysely-store.ts"
export { grantAppRole } from "./grants.ts"
export { checkSchema, KNOWN_SCHEMA_VERSION, migrate, migrations, schemaVersion } from "./migrate.ts"
export { layerPg, makePgEventStore, makePgKysely } from "./pg-store.ts"
export type { PgStoreOptions } from "./pg-store.ts"
export { makePgReplicatedEventStore, makeReplicatedEventStore } from "./replicated-store.ts"
export type {
  PgReplicatedOptions,
  ReadReplica,
  ReplicaStatus,
  ReplicatedEventStore,
  ReplicatedOptions,
} from "./replicated-store.ts"
export { DEFAULT_PGLITE_DIR, layerPglite, makePgliteEventStore, openPglite } from "./pglite-store.ts"
export type { PgliteStoreOptions } from "./pglite-store.ts"
export { startModuleWorker } from "./module-worker.ts"
export { transactionOn, withTransactions } from "./transaction.ts"
export type { TransactionalEventStore } from "./transaction.ts"
