/**
 * The wire form of a budget event (one NDJSON line, one element of an API batch) and its decoder.
 * Decoding looks the payload schema up by `type`, so every error carries the exact path of the bad
 * field (`data.line.amount`), and all bad fields are listed at once.
 *
 * @module Envelope
 */
import { Data, Result, Schema } from "effect"
import { dotted, fieldIssues } from "./SchemaIssues.ts"
import * as E from "./BudgetEvent.ts"
import { DepartmentCode, FiscalYear, IsoDate } from "./Codes.ts"

/** The department-year a budget stream belongs to. @category models */
export const StreamKey = Schema.Struct({ department: DepartmentCode, year: FiscalYear })
/** @category models */
export type StreamKey = typeof StreamKey.Type

/** The store's stream id of a department-year, e.g. `"002/2026"`. @category constructors */
export const streamIdOf = (key: StreamKey): string => `${key.department}/${key.year}`

/** Parses `"002/2026"` back into its key; undefined when it is not a budget stream id. @category constructors */
export const parseStreamId = (streamId: string): StreamKey | undefined => {
  const m = /^([0-9A-Za-z]{1,12})\/(\d{4})$/.exec(streamId)
  return m ? { department: m[1] as string, year: Number(m[2]) } : undefined
}

const Key = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200))

/** Metadata every event carries besides its payload. @category models */
export const EventMeta = Schema.Struct({
  stream: StreamKey,
  eventId: Schema.optional(Key),
  schemaVersion: Schema.Literal(E.CURRENT_SCHEMA_VERSION),
  occurredAt: IsoDate,
  actor: Schema.optional(Key),
  idempotencyKey: Key,
})
/** @category models */
export type EventMeta = typeof EventMeta.Type

/** A decoded event with its metadata. @category models */
export interface EnvelopedEvent {
  readonly meta: EventMeta
  readonly event: E.BudgetEvent
}

/** One bad field: where and why. @category errors */
export interface FieldIssue {
  readonly path: string
  readonly message: string
}

/** An event that did not decode; lists every bad field with its path. @category errors */
export class EventDecodeError extends Data.TaggedError("EventDecodeError")<{
  readonly issues: ReadonlyArray<FieldIssue>
}> {
  override get message(): string {
    return this.issues.map((i) => `${i.path || "(event)"}: ${i.message}`).join("; ")
  }
}

const payloadSchemas: Record<string, Schema.Codec<unknown, unknown>> = Object.fromEntries(
  E.BudgetEvent.members.map((m) => [m.fields.type.literal as string, m]),
)

/** The event types this version of the domain knows. @category models */
export const EVENT_TYPES: ReadonlyArray<E.BudgetEventType> = Object.keys(
  payloadSchemas,
) as Array<E.BudgetEventType>

const issuesOf = (error: Schema.SchemaError, prefix: ReadonlyArray<PropertyKey>): Array<FieldIssue> =>
  fieldIssues(error).map((i) => ({ path: dotted(i.path, prefix), message: i.message }))

/** A UTF-16 surrogate without its pair: not a character, so no canonical JSON text can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A NUL or any surrogate: a string without one needs no closer look. */
// eslint-disable-next-line no-control-regex -- a NUL is one of the two things it looks for
const SUSPECT = /[\u0000\uD800-\uDFFF]/

/**
 * True when no string (value or key) in `value` holds a NUL or a surrogate, so {@link findNul}
 * would find nothing: one plain character-class scan per string and no path built, where the
 * import's hot loop spent a fifth of the decode building a path array for every value.
 */
const plainText = (value: unknown): boolean => {
  if (typeof value === "string") return !SUSPECT.test(value)
  if (typeof value !== "object" || value === null) return true
  if (Array.isArray(value)) {
    for (const v of value) if (!plainText(v)) return false
    return true
  }
  for (const [k, v] of Object.entries(value)) if (SUSPECT.test(k) || !plainText(v)) return false
  return true
}

/**
 * Lists every string (value or key) holding a NUL character or a lone surrogate: no store can keep
 * a NUL in a JSON document (PostgreSQL refuses it) and canonical JSON has no text for a lone
 * surrogate, so both are a client's mistake to name here, not a store failure.
 */
const findNul = (value: unknown, path: ReadonlyArray<string>, issues: Array<FieldIssue>): void => {
  if (typeof value === "string") {
    if (value.includes("\u0000"))
      issues.push({ path: path.join("."), message: "must not contain a NUL character" })
    if (LONE_SURROGATE.test(value))
      issues.push({ path: path.join("."), message: "must be valid Unicode (it holds a lone surrogate)" })
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findNul(v, [...path, String(i)], issues))
  } else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes("\u0000"))
        issues.push({
          path: [...path, k.replaceAll("\u0000", "\\u0000")].join("."),
          message: "a field name must not contain a NUL character",
        })
      if (LONE_SURROGATE.test(k))
        issues.push({ path: path.join("."), message: "a field name must be valid Unicode" })
      findNul(v, [...path, k], issues)
    }
  }
}

/**
 * Decodes an untrusted value into an event with metadata, or lists every bad field.
 * @category decoding
 */
export const decodeEvent = (input: unknown): Result.Result<EnvelopedEvent, EventDecodeError> => {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return Result.fail(
      new EventDecodeError({ issues: [{ path: "", message: "an event must be a JSON object" }] }),
    )
  }
  const raw = input as Record<string, unknown>
  const issues: Array<FieldIssue> = []
  const meta = Schema.decodeUnknownResult(EventMeta)(
    {
      stream: raw["stream"],
      eventId: raw["eventId"],
      schemaVersion: raw["schemaVersion"],
      occurredAt: raw["occurredAt"],
      actor: raw["actor"],
      idempotencyKey: raw["idempotencyKey"],
    },
    { errors: "all", onExcessProperty: "error" },
  )
  if (Result.isFailure(meta)) issues.push(...issuesOf(meta.failure, []))
  const known = new Set([
    "stream",
    "eventId",
    "schemaVersion",
    "occurredAt",
    "actor",
    "idempotencyKey",
    "type",
    "data",
  ])
  for (const k of Object.keys(raw))
    if (!known.has(k)) issues.push({ path: k, message: "is not a field of an event" })
  if (!plainText(raw)) findNul(raw, [], issues)
  const type = raw["type"]
  // Own keys only: "constructor" or "__proto__" must not find Object.prototype's members.
  const schema =
    typeof type === "string" && Object.hasOwn(payloadSchemas, type) ? payloadSchemas[type] : undefined
  let event: E.BudgetEvent | undefined
  if (schema === undefined) {
    issues.push({ path: "type", message: `must be one of ${Object.keys(payloadSchemas).join(", ")}` })
  } else {
    const decoded = Schema.decodeUnknownResult(schema)(
      { type, data: raw["data"] },
      { errors: "all", onExcessProperty: "error" },
    )
    if (Result.isFailure(decoded)) issues.push(...issuesOf(decoded.failure, []))
    else event = decoded.success as E.BudgetEvent
  }
  if (issues.length > 0 || event === undefined || Result.isFailure(meta)) {
    return Result.fail(new EventDecodeError({ issues }))
  }
  return Result.succeed({ meta: meta.success, event })
}
