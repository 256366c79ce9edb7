/**
 * The two canonical texts of an event: its `body` (hashed for idempotency) and its `content` (the
 * event with its envelope, `{ ...event, streamId, recordedAt }`, which the chain wraps). An event of
 * the shape the `NewEvent` decoder produces has its texts written straight from its fields, every
 * string, number and `data` exactly as the RFC 8785 writer writes it; anything else (and any value
 * that is not JSON, so that the error names the same member) goes through the general writer.
 */
import { canonicalize } from "./canonical-json.ts"
import type { NewEvent } from "./event.ts"

/** The two envelope members, as canonical member texts (`"streamId":…`, `"recordedAt":…`). */
export interface Envelope {
  readonly streamMember: string
  readonly recordedAtMember: string
}

/** An event's canonical body and content. */
export interface EventTexts {
  readonly body: string
  readonly content: string
}

/** The members of a canonical object text, without its braces ("" when it has none). */
const members = (canonicalObject: string): string => canonicalObject.slice(1, -1)

/** A canonical object text from runs of members already in canonical order. */
const joinMembers = (...runs: ReadonlyArray<string>): string => {
  let text = ""
  for (const run of runs) if (run !== "") text = text === "" ? run : `${text},${run}`
  return `{${text}}`
}

/**
 * The general form, for any object. The keys are canonicalized in three runs — sorting before
 * `recordedAt`, between it and `streamId`, after `streamId` — and the two envelope members spliced
 * between the runs. RFC 8785 orders members by UTF-16 code units, which is how `<` compares
 * strings, so both texts are byte for byte what canonicalizing the two objects gives. An event
 * that carries an envelope key itself (the decoder never lets one through) has it hashed in its
 * body and replaced in its content. Throws `NotCanonicalJson` naming the member under `path`.
 */
const generalTexts = (event: object, path: string, envelope: Envelope): EventTexts => {
  if (Object.hasOwn(event, "recordedAt") || Object.hasOwn(event, "streamId")) {
    const { recordedAt: _r, streamId: _s, ...rest } = event as Record<string, unknown>
    return { body: canonicalize(event, path), content: generalTexts(rest, path, envelope).content }
  }
  const before: Record<string, unknown> = {}
  const between: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(event)) {
    const target = key < "recordedAt" ? before : key < "streamId" ? between : after
    target[key] = value
  }
  const a = members(canonicalize(before, path))
  const b = members(canonicalize(between, path))
  const c = members(canonicalize(after, path))
  return {
    body: joinMembers(a, b, c),
    content: joinMembers(a, envelope.recordedAtMember, b, envelope.streamMember, c),
  }
}

/**
 * A string as RFC 8785 writes it, or undefined to leave it to the general writer. Printable ASCII
 * without `"` or `\` (ids, keys, types, dates: nearly every such field) is written as it is
 * between quotes. Anything else goes to ECMAScript's JSON.stringify, which escapes exactly as
 * RFC 8785 prescribes, except that it writes a lone surrogate as a `\udXXX` escape where the
 * canonical writer refuses it: a text with `\ud` in it (such an escape, or a mere backslash before
 * "ud") is therefore not answered here.
 */
const quoted = (value: unknown): string | undefined => {
  if (typeof value !== "string") return undefined
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i)
    if (c < 0x20 || c > 0x7e || c === 34 || c === 92) {
      const text = JSON.stringify(value)
      return text.includes("\\ud") ? undefined : text
    }
  }
  return `"${value}"`
}

/** A canonical JSON value text, or undefined (not JSON: the general writer names the member). */
const json = (value: unknown): string | undefined => {
  try {
    return canonicalize(value)
  } catch {
    return undefined
  }
}

/** The fields of a `NewEvent`: with `metadata`, all the keys its decoder's output can have. */
const FIELDS = 7

/**
 * The texts of an event of the decoder's shape, written member by member in canonical key order
 * (`actor`, `data`, `eventId`, `idempotencyKey`, `metadata`, `occurredAt`, [`recordedAt`],
 * `schemaVersion`, [`streamId`], `type`), `data` written once for both texts. Undefined when the
 * event is not of that shape, a field has another type, or a value is not JSON. `exactKeys`: the
 * caller vouches that the object has no other own keys (the decoder's output); otherwise they are
 * counted.
 */
const decodedTexts = (
  event: Readonly<Record<string, unknown>>,
  envelope: Envelope,
  exactKeys: boolean,
): EventTexts | undefined => {
  const hasMetadata = Object.hasOwn(event, "metadata")
  if (!exactKeys && !hasExactly(event, hasMetadata ? FIELDS + 1 : FIELDS)) return undefined
  const actor = quoted(event["actor"])
  const eventId = quoted(event["eventId"])
  const key = quoted(event["idempotencyKey"])
  const occurredAt = quoted(event["occurredAt"])
  const type = quoted(event["type"])
  const version = event["schemaVersion"]
  if (
    actor === undefined ||
    eventId === undefined ||
    key === undefined ||
    occurredAt === undefined ||
    type === undefined ||
    typeof version !== "number" ||
    !Number.isFinite(version)
  )
    return undefined
  const data = json(event["data"])
  if (data === undefined) return undefined
  let metadata = ""
  if (hasMetadata) {
    const text = event["metadata"] === undefined ? undefined : json(event["metadata"])
    if (text === undefined) return undefined
    metadata = `,"metadata":${text}`
  }
  const head = `{"actor":${actor},"data":${data},"eventId":${eventId},"idempotencyKey":${key}${metadata},"occurredAt":${occurredAt}`
  // ES Number.prototype.toString is the RFC 8785 number format; -0 becomes "0".
  const schemaVersion = version === 0 ? "0" : String(version)
  return {
    body: `${head},"schemaVersion":${schemaVersion},"type":${type}}`,
    content: `${head},${envelope.recordedAtMember},"schemaVersion":${schemaVersion},${envelope.streamMember},"type":${type}}`,
  }
}

/** The keys of a `NewEvent`. */
const KEYS = new Set([
  "actor",
  "data",
  "eventId",
  "idempotencyKey",
  "metadata",
  "occurredAt",
  "schemaVersion",
  "type",
])

/**
 * True when `event`'s own enumerable keys (what the general writer writes) are `count` keys of a
 * `NewEvent`, no other.
 */
const hasExactly = (event: object, count: number): boolean => {
  const keys = Object.keys(event)
  if (keys.length !== count) return false
  for (const key of keys) if (!KEYS.has(key)) return false
  return true
}

/**
 * The canonical body and content of `event` with the envelope members of `envelope`, byte for byte
 * what canonicalizing `event` and `{ ...event, streamId, recordedAt }` gives; throws
 * `NotCanonicalJson` naming the member (under `path`) that is not JSON.
 */
export const eventTexts = (event: object, path: string, envelope: Envelope): EventTexts =>
  decodedTexts(event as Readonly<Record<string, unknown>>, envelope, false) ??
  generalTexts(event, path, envelope)

/**
 * {@link eventTexts} of an event the `NewEvent` decoder produced (its own keys are the schema's
 * fields and nothing else, so they are not counted), or undefined when some value is not JSON:
 * {@link eventTexts} then names it (the caller builds the path only for that).
 */
export const decodedEventTexts = (event: NewEvent, envelope: Envelope): EventTexts | undefined =>
  decodedTexts(event, envelope, true)
