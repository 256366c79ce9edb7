/**
 * The row every backend keeps per event, and its fast decoding into a {@link StoredEvent}.
 * Reads parse `canonical` (the hashed text) rather than separate columns, so a projection can
 * only ever see what the hash chain covers.
 */
import { LedgerIntegrity } from "./errors.ts"
import type { StoredEvent } from "./event.ts"

/** One stored event as a backend keeps it; the columns beside `canonical` exist for indexes and filters. @category models */
export interface StoredRow {
  readonly position: number
  readonly streamId: string
  readonly version: number
  readonly eventId: string
  readonly type: string
  readonly idempotencyKey: string
  readonly occurredKey: string
  readonly recordedAt: string
  readonly bodyHash: string
  readonly canonical: string
  readonly prevHash: string
  readonly hash: string
}

const isText = (v: unknown): v is string => typeof v === "string"

/**
 * The integrity failure of a row whose hashed text is not a stored event: only a write behind the
 * store's back makes one, so it is broken history (what `verify` reports as `payload-modified`),
 * never an unavailable store. The stream is the row's when the backend knows it, else whatever the
 * text still names; so is the version.
 */
const malformed = (
  row: Pick<StoredRow, "position"> & { readonly streamId?: string },
  parsed: { readonly event?: unknown; readonly version?: unknown } | undefined,
  why: string,
): LedgerIntegrity => {
  const e = parsed?.event
  const named = typeof e === "object" && e !== null ? (e as Record<string, unknown>)["streamId"] : undefined
  const streamId = row.streamId ?? (isText(named) ? named : "(unreadable)")
  return new LedgerIntegrity({
    streamId,
    position: row.position,
    version: Number.isInteger(parsed?.version) ? (parsed?.version as number) : 0,
    reason: "payload-modified",
    detail: `the stored event at position ${row.position} is malformed (${why}); run verify`,
  })
}

/** The members of a stored event's hashed `event` object, the optional `metadata` aside. */
const EVENT_MEMBERS = 9

/** Counts own enumerable members without allocating (`Object.keys` would build an array per event). */
const memberCount = (o: object): number => {
  let n = 0
  for (const key in o) if (Object.hasOwn(o, key)) n++
  return n
}

/**
 * Decodes a row into a {@link StoredEvent}. Hand-written rather than `Schema.decode` because reads
 * must reach 150,000 events/s and a Schema decode costs ~6 µs per event; `stored-row.test.ts`
 * checks it accepts exactly what the `StoredEvent` schema accepts. Throws {@link LedgerIntegrity}
 * on a malformed row, which only a tampered database can produce (`verify` names it); the stores'
 * reads fail with it, so a reader sees broken history, not an unavailable store.
 *
 * The parsed `event` object itself becomes the result when it holds exactly the event's members
 * (the writer never stores others): one object fewer per event, which on a 10,000-event page is
 * mostly garbage-collector work saved. Anything else is copied member by member, as the schema
 * would, so extra members in a tampered text never reach a reader.
 * @category constructors
 */
export const decodeStoredRow = (
  row: Pick<StoredRow, "position" | "canonical" | "hash"> & { readonly streamId?: string },
): StoredEvent => {
  let parsed: { event?: Record<string, unknown>; prevHash?: unknown; version?: unknown } | null
  try {
    parsed = JSON.parse(row.canonical) as typeof parsed
  } catch (error) {
    throw malformed(row, undefined, `not JSON: ${(error as Error).message}`)
  }
  if (typeof parsed !== "object" || parsed === null) throw malformed(row, undefined, "not a JSON object")
  const e = parsed.event
  if (
    e === undefined ||
    e === null ||
    typeof e !== "object" ||
    Array.isArray(e) ||
    !isText(e["eventId"]) ||
    !isText(e["type"]) ||
    !Number.isInteger(e["schemaVersion"]) ||
    !isText(e["occurredAt"]) ||
    !isText(e["actor"]) ||
    !isText(e["idempotencyKey"]) ||
    !isText(e["streamId"]) ||
    !isText(e["recordedAt"]) ||
    !("data" in e) ||
    !isText(parsed.prevHash) ||
    !Number.isInteger(parsed.version)
  ) {
    throw malformed(row, parsed, "a required member is missing or of the wrong type")
  }
  if (memberCount(e) === (e["metadata"] === undefined ? EVENT_MEMBERS : EVENT_MEMBERS + 1)) {
    e["version"] = parsed.version
    e["position"] = row.position
    e["prevHash"] = parsed.prevHash
    e["hash"] = row.hash
    e["canonical"] = row.canonical
    return e as unknown as StoredEvent
  }
  const event = {
    eventId: e["eventId"],
    type: e["type"],
    schemaVersion: e["schemaVersion"] as number,
    occurredAt: e["occurredAt"],
    actor: e["actor"],
    idempotencyKey: e["idempotencyKey"],
    data: e["data"] as StoredEvent["data"],
    streamId: e["streamId"],
    version: parsed.version as number,
    position: row.position,
    recordedAt: e["recordedAt"],
    prevHash: parsed.prevHash,
    hash: row.hash,
    canonical: row.canonical,
  }
  return e["metadata"] === undefined
    ? event
    : { ...event, metadata: e["metadata"] as NonNullable<StoredEvent["metadata"]> }
}
