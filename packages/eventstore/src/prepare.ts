/**
 * Turns an append call into what every backend writes: decoded events, their canonical texts and
 * hashes, per-event body hashes for idempotency, and the request hash for the append-level key.
 * Backends share it so "same body" means the same thing in memory, PGlite and PostgreSQL.
 */
import { hash as oneShotHash } from "node:crypto"
import { SchemaIssues } from "@ledger/domain"
import { Result, Schema } from "effect"
import type * as SchemaIssue from "effect/SchemaIssue"
import { canonicalize, NotCanonicalJson } from "./canonical-json.ts"
import { IdempotencyConflict, InvalidEvent } from "./errors.ts"
import { AppendOptions, AppendRequest, occurredAtKey } from "./event.ts"
import type { ExpectedVersion, NewEvent } from "./event.ts"
import { sha256Hex } from "./hash.ts"

/** One event ready to store; `content` is the canonical event text the chain wraps. */
export interface PreparedEvent {
  readonly eventId: string
  readonly type: string
  readonly idempotencyKey: string
  readonly occurredKey: string
  readonly bodyHash: string
  readonly content: string
}

/** The events of one stream, deduplicated within the request. */
export interface PreparedStream {
  readonly streamId: string
  readonly expectedVersion: ExpectedVersion
  readonly events: ReadonlyArray<PreparedEvent>
  /** Events dropped because the same key and body appeared earlier in this request. */
  readonly duplicatesInRequest: number
}

/** A whole append call, ready for a backend. */
export interface PreparedAppend {
  readonly idempotencyKey: string
  readonly requestHash: string
  readonly recordedAt: string
  readonly streams: ReadonlyArray<PreparedStream>
}

const decodeRequests = Schema.decodeUnknownResult(Schema.Array(AppendRequest))
const decodeOptions = Schema.decodeUnknownResult(AppendOptions)
const firstIssue = (root: string, issue: SchemaIssue.Issue): InvalidEvent => {
  const first = SchemaIssues.fieldIssues(issue)[0]
  return new InvalidEvent({
    path: first ? SchemaIssues.accessor(root, first.path) : root,
    message: first?.message ?? "invalid",
  })
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
 * The canonical texts of an event (`body`, hashed for idempotency) and of the event with its
 * envelope (`content`: `{ ...event, streamId, recordedAt }`), writing the event's members once.
 * The keys are canonicalized in three runs — sorting before `recordedAt`, between it and
 * `streamId`, after `streamId` — and the two envelope members spliced between the runs. RFC 8785
 * orders members by UTF-16 code units, which is how `<` compares strings, so both texts are byte
 * for byte what canonicalizing the two objects gives, while `data`, most of an event's bytes, is
 * written once instead of twice. Errors name the same paths. An event that carries an envelope key
 * itself (the decoder never lets one through) has it hashed in its body and replaced in its content.
 */
const eventTexts = (
  event: object,
  path: string,
  envelope: { readonly streamMember: string; readonly recordedAtMember: string },
): { readonly body: string; readonly content: string } => {
  if (Object.hasOwn(event, "recordedAt") || Object.hasOwn(event, "streamId")) {
    const { recordedAt: _r, streamId: _s, ...rest } = event as Record<string, unknown>
    return { body: canonicalize(event, path), content: eventTexts(rest, path, envelope).content }
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
 * The value a database store sends for `recordedAt`: one raw U+0001 character, which canonical
 * JSON never contains (it escapes control characters), so the append function can put its own
 * clock there unambiguously (migration `2026-11-30T0900_database_clock`).
 * @category models
 */
export const DATABASE_CLOCK_PLACEHOLDER = "\u0001"

/**
 * Validates and hashes an append call. `recordedAtMs` comes from the caller's Clock, so tests
 * and replays are deterministic; `"database"` leaves {@link DATABASE_CLOCK_PLACEHOLDER} in each
 * content for the database to fill in with its own clock.
 * @category constructors
 */
export const prepareAppend = (
  input: unknown,
  options: unknown,
  recordedAtMs: number | "database",
): Result.Result<PreparedAppend, InvalidEvent | IdempotencyConflict> => {
  const opts = decodeOptions(options)
  if (Result.isFailure(opts)) return Result.fail(firstIssue("options", opts.failure.issue))
  const list = Array.isArray(input) ? input : [input]
  if (list.length === 0)
    return Result.fail(new InvalidEvent({ path: "requests", message: "no streams to append to" }))
  const decoded = decodeRequests(list, { errors: "all" })
  if (Result.isFailure(decoded)) return Result.fail(firstIssue("requests", decoded.failure.issue))
  const recordedAt =
    recordedAtMs === "database" ? DATABASE_CLOCK_PLACEHOLDER : new Date(recordedAtMs).toISOString()
  const recordedAtMember =
    recordedAtMs === "database" ? `"recordedAt":"${recordedAt}"` : `"recordedAt":${canonicalize(recordedAt)}`
  const seenStreams = new Set<string>()
  const streams: Array<PreparedStream> = []
  const requestSummary: Array<unknown> = []
  try {
    for (const [r, request] of decoded.success.entries()) {
      if (seenStreams.has(request.streamId)) {
        return Result.fail(
          new InvalidEvent({
            path: `requests[${r}].streamId`,
            message: "stream appears twice in one append",
          }),
        )
      }
      seenStreams.add(request.streamId)
      const byKey = new Map<string, string>()
      const events: Array<PreparedEvent> = []
      let duplicatesInRequest = 0
      const envelope = { streamMember: `"streamId":${canonicalize(request.streamId)}`, recordedAtMember }
      for (const [e, event] of request.events.entries()) {
        const path = `requests[${r}].events[${e}]`
        const { body, content } = eventTexts(event, path, envelope)
        const bodyHash = sha256Hex(body)
        const earlier = byKey.get(event.idempotencyKey)
        if (earlier !== undefined) {
          if (earlier !== bodyHash)
            return Result.fail(new IdempotencyConflict({ key: event.idempotencyKey, scope: "event" }))
          duplicatesInRequest++
          continue
        }
        byKey.set(event.idempotencyKey, bodyHash)
        events.push({
          eventId: event.eventId,
          type: event.type,
          idempotencyKey: event.idempotencyKey,
          occurredKey: occurredAtKey(event.occurredAt),
          bodyHash,
          content,
        })
      }
      streams.push({
        streamId: request.streamId,
        expectedVersion: request.expectedVersion,
        events,
        duplicatesInRequest,
      })
      requestSummary.push({
        streamId: request.streamId,
        expectedVersion: request.expectedVersion,
        events: events.map((ev) => ev.bodyHash),
      })
    }
  } catch (error) {
    if (error instanceof NotCanonicalJson)
      return Result.fail(new InvalidEvent({ path: error.path, message: error.message }))
    throw error
  }
  return Result.succeed({
    idempotencyKey: opts.success.idempotencyKey,
    requestHash: sha256Hex(canonicalize(requestSummary)),
    recordedAt,
    streams,
  })
}

/**
 * One event of an already-validated {@link NewEvent} (its caller decoded it with the schema or an
 * equivalent check) ready for a database store, with {@link DATABASE_CLOCK_PLACEHOLDER} for
 * `recordedAt`: the same `bodyHash` and `content` `prepareAppend` makes for it, without decoding
 * the request again. The streaming import prepares each event once this way instead of hashing its
 * body for its own idempotency check and then again in `prepareAppend`. Throws
 * {@link NotCanonicalJson} for a value that is not JSON.
 * @category constructors
 */
export const prepareEvent = (event: NewEvent, streamId: string): PreparedEvent => {
  const { body, content } = eventTexts(event, "event", {
    streamMember: `"streamId":${canonicalize(streamId)}`,
    recordedAtMember: `"recordedAt":"${DATABASE_CLOCK_PLACEHOLDER}"`,
  })
  return {
    eventId: event.eventId,
    type: event.type,
    idempotencyKey: event.idempotencyKey,
    occurredKey: occurredAtKey(event.occurredAt),
    // `sha256Hex`'s digest, without a Hash object per event (one-shot `crypto.hash`, ≈ 0.7 µs less).
    bodyHash: oneShotHash("sha256", body, "hex"),
    content,
  }
}
