/**
 * What a write appended, as the state cache takes it: the batch's new events with the versions the
 * store gave them — but only when the store's answer shows they were written right after the state
 * the batch was checked against (nothing else in between, none skipped). Otherwise nothing, and the
 * next lookup reads the stream's tail as usual.
 *
 * @module
 */
import type { AppendResult, NewEvent } from "@ledger/eventstore"
import type { AppendedEvent, StreamSnapshot } from "./state-cache.ts"

/**
 * The fresh events of one stream of a batch as stored at `written`'s versions, or none when the
 * answer does not match them one to one.
 * @category constructors
 */
export const appendedEvents = <D>(
  checked: { readonly snapshot: StreamSnapshot; readonly fresh: ReadonlyArray<D> },
  written: AppendResult["streams"][number],
  /** What was sent to the store for a decoded event. */
  sentOf: (d: D) => NewEvent,
): ReadonlyArray<AppendedEvent> => {
  const { snapshot, fresh } = checked
  const n = fresh.length
  if (
    written.appended !== n ||
    written.fromVersion !== snapshot.version + 1 ||
    written.toVersion !== snapshot.version + n
  )
    return []
  return fresh.map((d, i) => ({ version: written.fromVersion + i, sent: sentOf(d) }))
}
