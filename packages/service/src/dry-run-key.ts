/**
 * The idempotency key of a dry run. A dry run sent with the key of an append already stored answers
 * what that append would: the same request gets the stored result, another request under the key
 * an `IdempotencyConflict` — and nothing is written either way. The answer is the store's own: once
 * a key is in use, every append under it is a replay or a conflict, never a write (the store's
 * idempotency contract), so asking the store with the request is both exact and read-only. Without
 * the key, or with an unused one, the dry run plans as usual.
 *
 * @module
 */
import type { AppendError, AppendRequest, AppendResult, EventStoreShape } from "@ledger/eventstore"
import { Effect } from "effect"
import { expectationMet } from "./append.ts"

/**
 * The result the append of `request` under `idempotencyKey` would answer when the key is in use;
 * undefined when it is unused (the write would write). A different request under the key fails as
 * the write would; so does a stored result that does not meet an exact expected version (the
 * append's own check of a repeated request, append.ts).
 * @category constructors
 */
export const priorAppend = (
  store: EventStoreShape,
  request: AppendRequest,
  idempotencyKey: string,
): Effect.Effect<AppendResult | undefined, AppendError> =>
  Effect.gen(function* () {
    if ((yield* store.storedRequestHash(idempotencyKey)) === undefined) return undefined
    // The key is in use: this append replays (same request) or conflicts, and writes nothing.
    const result = yield* store.append(request, { idempotencyKey })
    return yield* expectationMet(request.streamId, request.expectedVersion, result)
  })
