/**
 * What the app is built from. Everything with I/O comes in here, so tests build the same app on the
 * in-memory store and `main.ts` on PGlite or PostgreSQL.
 */
import type { EventStoreShape } from "@ledger/eventstore"
import type { Disclosure } from "@ledger/projections"
import type { LedgerService } from "@ledger/service"
import type { Hono } from "hono"
import type { KeyRing } from "./keys.ts"

/** A rendered representation of a disclosure. @category models */
export interface Rendered {
  readonly body: Uint8Array | string
  readonly contentType: string
}

/** Renders a disclosure to a non-JSON format (`@ledger/render`). @category models */
export type RenderFn = (doc: Disclosure, format: "html" | "txt" | "csv" | "xlsx") => Rendered

/** Dependencies of {@link makeApp}. @category models */
export interface ApiDeps {
  readonly store: EventStoreShape
  readonly keys: KeyRing
  /** The application service over the same store. */
  readonly service: LedgerService
  /** Non-JSON renderings; without it only JSON is served (406 otherwise). */
  readonly render?: RenderFn
  /** Wall clock for publication dates (tests pass a fixed one). */
  readonly now?: () => Date
  /** Largest request body in bytes (413 above). */
  readonly maxBodyBytes?: number
  /** The admin web app, mounted at `/` when given. */
  readonly admin?: Hono
  /** Where unexpected errors are reported (default: console.error). */
  readonly log?: (error: unknown) => void
}
