/**
 * Conversions between the domain's wire envelope and the store's generic event: what is written is
 * exactly what was decoded, and what projections read is decoded again from what was hashed.
 *
 * @module
 */
import { CanonicalJson, Envelope } from "@ledger/domain"
import type { LoggedEvent } from "@ledger/projections"
import type { NewEvent, StoredEvent } from "@ledger/eventstore"
import { Result } from "effect"

/**
 * A deterministic event id for events sent without one, so that re-sending the same line gives the
 * same body (and the idempotency check sees "same key, same body").
 */
export const derivedEventId = (streamId: string, idempotencyKey: string): string => {
  const h = CanonicalJson.sha256Hex(`${streamId}\n${idempotencyKey}`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/**
 * Who is recorded as the actor: an authenticated caller overrides whatever the event says (the API);
 * an importer keeps the event's own actor and only fills it in when missing (the CLI).
 */
export interface ActorChoice {
  readonly override?: string | undefined
  readonly fallback?: string | undefined
}

/** The canonical body the store compares for idempotency: the event as submitted, nothing the store adds. */
export const bodyOf = (e: NewEvent): string =>
  CanonicalJson.canonicalize({
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    occurredAt: e.occurredAt,
    actor: e.actor,
    idempotencyKey: e.idempotencyKey,
    data: e.data,
    metadata: e.metadata,
  })

/** The store form of a decoded event. */
export const toNewEvent = (e: Envelope.EnvelopedEvent, actor: ActorChoice): NewEvent => {
  const streamId = Envelope.streamIdOf(e.meta.stream)
  return {
    eventId: e.meta.eventId ?? derivedEventId(streamId, e.meta.idempotencyKey),
    type: e.event.type,
    schemaVersion: e.meta.schemaVersion,
    occurredAt: e.meta.occurredAt,
    actor: actor.override ?? e.meta.actor ?? actor.fallback ?? "unknown",
    idempotencyKey: e.meta.idempotencyKey,
    data: e.event.data as NewEvent["data"],
  }
}

/**
 * A stored event back in the wire form it was submitted in (one NDJSON line of an import), or
 * undefined for events of non-budget streams such as the key ring.
 */
export const toWire = (s: StoredEvent): Record<string, unknown> | undefined => {
  const stream = Envelope.parseStreamId(s.streamId)
  if (stream === undefined) return undefined
  return {
    stream,
    eventId: s.eventId,
    type: s.type,
    schemaVersion: s.schemaVersion,
    occurredAt: s.occurredAt,
    actor: s.actor,
    idempotencyKey: s.idempotencyKey,
    data: s.data,
  }
}

/** The decoded budget event of a stored event, with the fields it was decoded from. */
interface Decoded {
  readonly streamId: string
  readonly eventId: string
  readonly schemaVersion: number
  readonly occurredAt: string
  readonly actor: string
  readonly idempotencyKey: string
  readonly type: string
  readonly event: LoggedEvent["event"]
}

const decodeStored = (s: StoredEvent): Decoded => {
  const decoded = Envelope.decodeWireEvent(toWire(s) ?? { type: s.type })
  if (Result.isFailure(decoded)) {
    throw new Error(`stored event ${s.streamId}@${s.version} does not decode: ${decoded.failure.message}`)
  }
  const { streamId, eventId, schemaVersion, occurredAt, actor, idempotencyKey, type } = s
  return {
    streamId,
    eventId,
    schemaVersion,
    occurredAt,
    actor,
    idempotencyKey,
    type,
    event: decoded.success.event,
  }
}

/** The logged form of a stored event whose budget event is `event`. */
const logged = (s: StoredEvent, event: LoggedEvent["event"]): LoggedEvent => ({
  event,
  meta: {
    streamId: s.streamId,
    version: s.version,
    position: s.position,
    eventId: s.eventId,
    occurredAt: s.occurredAt,
    recordedAt: s.recordedAt,
    actor: s.actor,
    hash: s.hash,
  },
})

/** True when `d` was decoded from an event with exactly these scalar fields. */
const sameFields = (d: Decoded, s: StoredEvent): boolean =>
  d.streamId === s.streamId &&
  d.eventId === s.eventId &&
  d.type === s.type &&
  d.schemaVersion === s.schemaVersion &&
  d.occurredAt === s.occurredAt &&
  d.actor === s.actor &&
  d.idempotencyKey === s.idempotencyKey

/**
 * A `toLogged` that remembers the decoded event of the last `capacity` stored events it saw
 * (`capacity` 0: none — every call decodes, nothing is kept).
 *
 * Every read of a stream decodes every event with the full Effect Schema again, which cost more
 * than building the disclosure's tables. The decode is a pure function of the event's content, and
 * a stored event's content is its `canonical` text — the exact bytes its hash covers, from which
 * every backend decodes the other fields — so the canonical text is the cache key. A hit also
 * requires the scalar fields (type, ids, dates, actor) to equal those that were decoded, else the
 * event is decoded afresh; `data` is taken to be what the text says, as every backend makes it.
 * A failed decode is never cached.
 *
 * Eviction is by generation: decodes go into a young map; when it holds half the capacity it
 * becomes the old map and the previous old map is dropped whole, and a hit in the old map moves
 * the entry to the young one. So at most `capacity` decodes are kept and an eviction costs
 * nothing per event. (Deleting a Map's oldest key one at a time, as this did before, leaves holes
 * that `keys().next()` walks past: ≈ 20 µs per decode once the map was full, more than the decode.)
 * @category constructors
 */
export const makeToLogged = (capacity = 20_000): ((s: StoredEvent) => LoggedEvent) => {
  if (capacity <= 0) return (s) => logged(s, decodeStored(s).event)
  const half = Math.max(1, Math.floor(capacity / 2))
  let young = new Map<string, Decoded>()
  let old = new Map<string, Decoded>()
  const remember = (key: string, d: Decoded): void => {
    if (young.size >= half) {
      old = young
      young = new Map()
    }
    young.set(key, d)
  }
  return (s) => {
    const key = s.canonical
    let d = young.get(key)
    if (d === undefined) {
      d = old.get(key)
      if (d !== undefined && sameFields(d, s)) {
        old.delete(key)
        remember(key, d)
      }
    }
    if (d === undefined || !sameFields(d, s)) {
      d = decodeStored(s)
      remember(key, d)
    }
    return logged(s, d.event)
  }
}

/**
 * Decodes a stored event without remembering anything: for one-pass readers (rebuilding every
 * disclosure reads each event once, so a memo would only hold memory).
 */
export const decodeLogged: (s: StoredEvent) => LoggedEvent = makeToLogged(0)

/**
 * Decodes a stored event into the domain; a stored event that no longer decodes is a corrupt log
 * (an Error naming the stream and version). Decodes are memoised by canonical text, see {@link makeToLogged}.
 */
export const toLogged: (s: StoredEvent) => LoggedEvent = makeToLogged()
