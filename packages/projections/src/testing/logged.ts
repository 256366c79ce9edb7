/**
 * Builds logged events from decoded envelopes the way a store would (consecutive versions and
 * positions, a hash chained over canonical JSON), for tests and for library users who replay a
 * file without a store. Deterministic: `recordedAt` is taken from the event's own `occurredAt`
 * unless given.
 *
 * @module testing/logged
 */
import { CanonicalJson, Envelope } from "@ledger/domain"
import type { LoggedEvent } from "../logged-event.ts"

/** Logged events for a sequence of envelopes of one stream. @category constructors */
export const toLogged = (
  envelopes: ReadonlyArray<Envelope.EnvelopedEvent>,
  recordedAt: (e: Envelope.EnvelopedEvent, index: number) => string = (e) =>
    new Date(Date.parse(e.meta.occurredAt)).toISOString(),
): ReadonlyArray<LoggedEvent> => {
  let prev = "0".repeat(64)
  return envelopes.map((e, i) => {
    const hash = CanonicalJson.sha256Hex(prev + CanonicalJson.canonicalize({ event: e.event, meta: e.meta }))
    prev = hash
    return {
      event: e.event,
      meta: {
        streamId: Envelope.streamIdOf(e.meta.stream),
        version: i + 1,
        position: i + 1,
        eventId: e.meta.eventId ?? `event-${i + 1}`,
        occurredAt: e.meta.occurredAt,
        recordedAt: recordedAt(e, i),
        actor: e.meta.actor ?? "unknown",
        hash,
      },
    }
  })
}
