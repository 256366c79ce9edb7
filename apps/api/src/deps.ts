/**
 * What the app is built from. Everything with I/O comes in here, so tests build the same app on the
 * in-memory store and `main.ts` on PGlite or PostgreSQL.
 */
import type { KnownDefectRegistry } from "@ledger/audit"
import type { EventStoreShape } from "@ledger/eventstore"
import type { LedgerServiceShape } from "@ledger/service"
import type { Hono } from "hono"
import type { KeyRingShape } from "@ledger/service"
import type { ReplicaStatus } from "@ledger/store-postgres"
import type { AdmissionLimits } from "./admission.ts"
import type { ReplayPool } from "./replay-pool.ts"

/** Dependencies of {@link makeApp}. @category models */
export interface ApiDeps {
  readonly store: EventStoreShape
  readonly keys: KeyRingShape
  /** The application service over the same store. */
  readonly service: LedgerServiceShape
  /** A fixed time for publication dates and anchors (tests); otherwise the Effect `Clock`. */
  readonly now?: () => Date
  /** Largest request body in bytes (413 above). */
  readonly maxBodyBytes?: number
  /** The admin web app, mounted at `/` when given. */
  readonly admin?: Hono
  /** Where unexpected errors are reported (default: console.error). */
  readonly log?: (error: unknown) => void
  /** Concurrency cap, queue and deadline of replays (503 + Retry-After beyond them). */
  readonly admission?: Partial<AdmissionLimits>
  /** The read replicas' last reported state (probed in the background; health never waits). */
  readonly replicaStatus?: () => ReadonlyArray<ReplicaStatus>
  /** Worker threads that run replays off the request loop; without it replays run in process. */
  readonly replayPool?: Pick<ReplayPool, "replay">
  /**
   * How long a stream head read from the store is trusted for token-less reads (default 1000 ms):
   * the bound on how late an append by another process shows (`LEDGER_HEAD_TTL_MS`).
   */
  readonly headTtlMs?: number
  /** HMAC key that signs `GET /v1/anchor` (`LEDGER_ANCHOR_KEY`); unsigned without it. */
  readonly anchorKey?: string
  /**
   * Which published documents carry which acknowledged §5.2 labels (`LEDGER_KNOWN_DEFECTS`); without
   * it no finding is labelled, so every error blocks a publication.
   */
  readonly knownDefects?: KnownDefectRegistry
}
