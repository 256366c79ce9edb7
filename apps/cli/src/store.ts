/**
 * Chooses the store a command runs against: PostgreSQL when a URL is given (`--database-url` or
 * `DATABASE_URL`), otherwise the embedded PGlite folder (`--store`, `LEDGER_STORE`, `./.ledger`).
 *
 * @module
 */
import type { EventStore, SchemaTooNew, StoreUnavailable } from "@ledger/eventstore"
import { layerPg, layerPglite } from "@ledger/store-postgres"
import type { Layer } from "effect"
import type { CliConfig } from "./config.ts"

/** Where the store lives, resolved from flags first, then the environment. */
export interface StoreChoice {
  readonly kind: "postgres" | "embedded"
  readonly location: string
}

/** Resolves flags and configuration into one store choice. */
export const chooseStore = (
  flags: { readonly store?: string | undefined; readonly databaseUrl?: string | undefined },
  config: Pick<CliConfig, "databaseUrl" | "storeDir">,
): StoreChoice => {
  if (flags.databaseUrl) return { kind: "postgres", location: flags.databaseUrl }
  if (flags.store) return { kind: "embedded", location: flags.store }
  if (config.databaseUrl !== undefined) return { kind: "postgres", location: config.databaseUrl }
  return { kind: "embedded", location: config.storeDir }
}

/** The chosen store as a layer: opened (and migrated) when built, closed with the runtime's scope. */
export const storeLayer = (choice: StoreChoice): Layer.Layer<EventStore, StoreUnavailable | SchemaTooNew> =>
  choice.kind === "postgres"
    ? layerPg({ connectionString: choice.location })
    : layerPglite({ dataDir: choice.location })
