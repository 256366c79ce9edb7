/**
 * The state a write is checked against, cached per stream head: a bounded LRU of
 * `stream → (version, head hash, folded state, stored bodies, event ids)`. A lookup still asks the
 * store — for the events after the cached version only — so whatever other writers committed is
 * folded in before a batch is checked, and the store's expected-version check decides any race
 * exactly as before. The tail read must continue the cached head's chain (version and hash);
 * otherwise the stream is read and verified whole again. Without it every append re-read and
 * re-folded its whole stream (≈ 0.45 s for a 100-event POST to a large stream).
 *
 * @module
 */
import type { BudgetState } from "@ledger/domain"
import { LedgerIntegrity, verifyRead } from "@ledger/eventstore"
import type { EventStoreShape, StoredEvent, StoreUnavailable } from "@ledger/eventstore"
import { foldLogged } from "@ledger/projections"
import { Effect } from "effect"
import { bodyOf, toLogged } from "./events.ts"
import { readChecked } from "./replay.ts"

/** A stream's folded state with what the idempotency and event-id checks need. @category models */
export interface StreamSnapshot {
  readonly state: BudgetState.BudgetState
  readonly bodies: ReadonlyMap<string, string>
  readonly eventIds: ReadonlySet<string>
}

interface Entry {
  readonly version: number
  readonly hash: string
  readonly snapshot: StreamSnapshot
}

const fold = (from: StreamSnapshot | undefined, events: ReadonlyArray<StoredEvent>): StreamSnapshot => {
  const bodies = new Map(from?.bodies ?? [])
  const eventIds = new Set(from?.eventIds ?? [])
  for (const e of events) {
    bodies.set(e.idempotencyKey, bodyOf(e))
    eventIds.add(e.eventId)
  }
  return {
    state: foldLogged(events.map(toLogged), from?.state),
    bodies,
    eventIds,
  }
}

/**
 * `current(streamId)`: the stream's snapshot as of its latest committed event, from the cache plus
 * the tail read. `capacity` bounds the streams kept (least recently used dropped first).
 * @category constructors
 */
export const makeStateCache = (store: EventStoreShape, capacity = 128) => {
  const entries = new Map<string, Entry>()

  const remember = (streamId: string, stored: ReadonlyArray<StoredEvent>, snapshot: StreamSnapshot) => {
    const last = stored.at(-1)
    if (last === undefined) return
    entries.delete(streamId)
    entries.set(streamId, { version: last.version, hash: last.hash, snapshot })
    if (entries.size > capacity) {
      const oldest = entries.keys().next().value
      if (oldest !== undefined) entries.delete(oldest)
    }
  }

  const whole = (streamId: string) =>
    Effect.map(readChecked(store, streamId), (stored) => {
      const snapshot = fold(undefined, stored)
      remember(streamId, stored, snapshot)
      return snapshot
    })

  return (streamId: string): Effect.Effect<StreamSnapshot, StoreUnavailable | LedgerIntegrity> =>
    Effect.suspend(() => {
      const hit = entries.get(streamId)
      if (hit === undefined) return whole(streamId)
      return Effect.flatMap(store.readStream(streamId, { fromVersion: hit.version + 1 }), (tail) => {
        if (tail.length === 0) return Effect.succeed(hit.snapshot)
        const first = tail[0]
        // The tail must continue the cached head; anything else is read and verified whole.
        if (first === undefined || first.version !== hit.version + 1 || first.prevHash !== hit.hash)
          return whole(streamId)
        const broken = verifyRead(tail)
        if (broken !== undefined) return Effect.fail(new LedgerIntegrity(broken))
        const snapshot = fold(hit.snapshot, tail)
        remember(streamId, tail, snapshot)
        return Effect.succeed(snapshot)
      })
    })
}
