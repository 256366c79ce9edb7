/**
 * Chooses the store a command runs against: PostgreSQL when a URL is given (`--database-url` or
 * `DATABASE_URL`), otherwise the embedded PGlite folder (`--store`, `LEDGER_STORE`, `./.ledger`).
 *
 * @module
 */
import type { EventStoreShape, SchemaTooNew, StoreUnavailable } from "@ledger/eventstore"
import { DEFAULT_PGLITE_DIR, makePgEventStore, makePgliteEventStore } from "@ledger/store-postgres"
import type { Effect } from "effect"

/** Where the store lives, resolved from flags first, then the environment. */
export interface StoreChoice {
  readonly kind: "postgres" | "embedded"
  readonly location: string
}

/** Resolves flags and environment into one store choice. */
export const chooseStore = (
  flags: { readonly store?: string | undefined; readonly databaseUrl?: string | undefined },
  env: { readonly DATABASE_URL?: string | undefined; readonly LEDGER_STORE?: string | undefined },
): StoreChoice => {
  if (flags.databaseUrl) return { kind: "postgres", location: flags.databaseUrl }
  if (flags.store) return { kind: "embedded", location: flags.store }
  if (env.DATABASE_URL) return { kind: "postgres", location: env.DATABASE_URL }
  return { kind: "embedded", location: env.LEDGER_STORE ?? DEFAULT_PGLITE_DIR }
}

/** Opens (and migrates) the chosen store. */
export const openStore = (
  choice: StoreChoice,
): Effect.Effect<EventStoreShape, StoreUnavailable | SchemaTooNew> =>
  choice.kind === "postgres"
    ? makePgEventStore({ connectionString: choice.location })
    : makePgliteEventStore({ dataDir: choice.location })
