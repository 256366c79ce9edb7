/**
 * The EventStore port: the one interface the domain, projections, API and CLI use to keep and
 * read events, whatever the backend (in-memory, PGlite, PostgreSQL).
 */
import { Context } from "effect"
import type { Effect } from "effect"
import type { AppendError, LedgerIntegrity, StoreUnavailable } from "./errors.ts"
import type {
  AppendOptions,
  AppendRequest,
  AppendResult,
  Consistency,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  StreamHead,
  VerifyResult,
} from "./event.ts"

/**
 * What every backend implements. Appends are atomic across all streams of one call; an append
 * reads the record time from the Effect `Clock`.
 * @category services
 */
export interface EventStoreShape {
  /**
   * Appends to one or more streams atomically. Each stream's `expectedVersion` is checked (unless
   * every event of that stream is already stored under its idempotency key with the same body,
   * which is skipped); `options.idempotencyKey` makes the whole call replayable.
   */
  readonly append: (
    requests: AppendRequest | ReadonlyArray<AppendRequest>,
    options: AppendOptions,
  ) => Effect.Effect<AppendResult, AppendError>
  /**
   * A stream's events in version order, from `fromVersion` (default 1), optionally as of a point.
   * A stored row that is not an event (written behind the store's back) fails with
   * {@link LedgerIntegrity}, as every read does; the chain itself is checked by `verifyRead`.
   */
  readonly readStream: (
    streamId: string,
    options?: ReadStreamOptions,
  ) => Effect.Effect<ReadonlyArray<StoredEvent>, StoreUnavailable | LedgerIntegrity>
  /**
   * Events of all streams in position order after `fromPosition`. Never returns an event while a
   * lower position may still commit, so a subscriber that checkpoints the last position never skips one.
   */
  readonly readAll: (
    options?: ReadAllOptions,
  ) => Effect.Effect<ReadonlyArray<StoredEvent>, StoreUnavailable | LedgerIntegrity>
  /** Every stream with its head, ordered by stream id. */
  readonly listStreams: () => Effect.Effect<ReadonlyArray<StreamHead>, StoreUnavailable>
  /** A stream's head, or undefined when the stream does not exist. */
  readonly head: (
    streamId: string,
    options?: Consistency,
  ) => Effect.Effect<StreamHead | undefined, StoreUnavailable>
  /**
   * The request hash (`prepareAppend`'s `requestHash`) of the append stored under an idempotency
   * key, or undefined when the key was never used. A key in use makes every append under it a
   * replay (the stored result) or a conflict, never a write: a dry run relies on that.
   */
  readonly storedRequestHash: (idempotencyKey: string) => Effect.Effect<string | undefined, StoreUnavailable>
  /** Recomputes every hash chain; names the first bad position. */
  readonly verify: () => Effect.Effect<VerifyResult, StoreUnavailable>
  /** Releases connections; later calls fail with `StoreUnavailable`. */
  readonly close: () => Effect.Effect<void>
}

/**
 * The EventStore service tag.
 * @category services
 */
export class EventStore extends Context.Service<EventStore, EventStoreShape>()(
  "@ledger/eventstore/EventStore",
) {}
