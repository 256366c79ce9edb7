/**
 * What a write appended, as the state cache folds it: the batch's new events with the versions and
 * positions the store gave them — but only when the store's answer shows they were written right
 * after the state the batch was checked against (nothing else in between, none skipped). Otherwise
 * nothing, and the next lookup reads the stream's tail as usual.
 *
 * @module
 */
import type { Envelope } from "@ledger/domain"
import type { AppendResult } from "@ledger/eventstore"
import { type ActorChoice, bodyOf, toNewEvent } from "./events.ts"
import type { AppendedEvent, StreamSnapshot } from "./state-cache.ts"

/**
 * The fresh events of one stream of a batch as stored at `written`'s versions and `positions`, or
 * none when the answer does not match them one to one.
 * @category constructors
 */
export const appendedEvents = (
  checked: {
    readonly snapshot: StreamSnapshot
    readonly fresh: ReadonlyArray<{ readonly e: Envelope.EnvelopedEvent }>
  },
  written: AppendResult["streams"][number],
  positions: ReadonlyArray<number>,
  actor: ActorChoice,
): ReadonlyArray<AppendedEvent> => {
  const { snapshot, fresh } = checked
  const n = fresh.length
  if (
    written.appended !== n ||
    written.fromVersion !== snapshot.version + 1 ||
    written.toVersion !== snapshot.version + n ||
    positions.length !== n
  )
    return []
  return fresh.map((d, i) => {
    const e = toNewEvent(d.e, actor)
    return {
      idempotencyKey: e.idempotencyKey,
      body: bodyOf(e),
      logged: {
        event: d.e.event,
        meta: {
          streamId: written.streamId,
          version: written.fromVersion + i,
          position: positions[i] ?? 0,
          eventId: e.eventId,
          occurredAt: e.occurredAt,
          actor: e.actor,
          // The database stamps these; the fold reads neither (its refs are version, position, id, date).
          recordedAt: "",
          hash: "",
        },
      },
    }
  })
}
