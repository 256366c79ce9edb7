/**
 * The wire form of a budget event (one NDJSON line, one element of an API batch) and its decoder.
 * Decoding looks the payload schema up by `type`, so every error carries the exact path of the bad
 * field (`data.line.amount`), and all bad fields are listed at once.
 *
 * @module Envelope
 */
import { Data, Result, Schema } from "effect"
import * as SchemaJITCompiler from "effect/schema/SchemaJITCompiler"
import { dotted, fieldIssues } from "./SchemaIssues.ts"
import { plainText, plainWire, sameKeys } from "./internal/WireWalks.ts"
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

/** The fields of a wire event. */
const KNOWN: ReadonlySet<string> = new Set([
  "stream",
  "eventId",
  "schemaVersion",
  "occurredAt",
  "actor",
  "idempotencyKey",
  "type",
  "data",
])

const issuesOf = (error: Schema.SchemaError, prefix: ReadonlyArray<PropertyKey>): Array<FieldIssue> =>
  fieldIssues(error).map((i) => ({ path: dotted(i.path, prefix), message: i.message }))

/** A UTF-16 surrogate without its pair: not a character, so no canonical JSON text can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

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
 * Decodes an untrusted value into an event with metadata, or lists every bad field. The reference
 * decode, built for the error: {@link decodeWireEvent} gives the same answer for less CPU.
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
  for (const k of Object.keys(raw))
    if (!KNOWN.has(k)) issues.push({ path: k, message: "is not a field of an event" })
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

/**
 * Excess properties are let through by the compiled decoders and looked for by {@link sameKeys}:
 * their own check builds a set of the struct's field names for every object they decode (≈ 2 µs an
 * event, ≈ 40 % of this decode).
 */
const options = { errors: "all", onExcessProperty: "ignore" } as const

type Decode = (input: unknown, o: typeof options) => Result.Result<unknown, unknown>

/** The envelope's decoder and a payload decoder per event type (`decodeEvent` builds both per call). */
interface Decoders {
  readonly meta: (input: unknown, o: typeof options) => Result.Result<EventMeta, unknown>
  readonly payloads: ReadonlyMap<string, Decode>
}

let decoders: Decoders | undefined

/**
 * The decoders, built at the first fast decode: the schemas are compiled by Effect's JIT compiler
 * first (generated code for a valid input, the interpreter's issues for an invalid one), because a
 * decoder built before keeps the interpreter. Lazy, so that loading the package has no side effect.
 */
const build = (): Decoders => {
  SchemaJITCompiler.enable(EventMeta.ast)
  for (const m of E.BudgetEvent.members) SchemaJITCompiler.enable(m.ast)
  return {
    meta: Schema.decodeUnknownResult(EventMeta),
    payloads: new Map(
      E.BudgetEvent.members.map((m): [string, Decode] => [
        m.fields.type.literal,
        Schema.decodeUnknownResult(m),
      ]),
    ),
  }
}

/**
 * A raw NUL or surrogate, or any `\u` escape: JSON text without one cannot parse to a string (value
 * or key) holding a NUL or a lone surrogate, so `decodeEvent`'s walk for them would find nothing.
 */
// eslint-disable-next-line no-control-regex -- a NUL is one of the things it looks for
const SUSPECT_TEXT = /[\u0000\uD800-\uDFFF]|\\u/

/**
 * Decodes `value` exactly as {@link decodeEvent} does — the same value, or the same issues naming
 * the same fields — for less CPU on a valid event, which is nearly every event a writer or an
 * import sends: the decoders and the field names are built once, and the schemas run compiled.
 * `text`, the JSON text `value` was parsed from (an import's line), replaces the walk of every
 * string for a NUL or a lone surrogate (and every object for a symbol key) with one scan of the
 * text; without it the value is walked. Anything unusual — a failing field, an unknown name or type, a suspect string — goes to
 * `decodeEvent` itself, so the issues are exactly its own.
 * @category decoding
 */
export const decodeWireEvent = (
  value: unknown,
  text?: string,
): Result.Result<EnvelopedEvent, EventDecodeError> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return decodeEvent(value)
  if (text === undefined ? !plainWire(value) : SUSPECT_TEXT.test(text)) return decodeEvent(value)
  const raw = value as Record<string, unknown>
  for (const k in raw) if (!KNOWN.has(k)) return decodeEvent(value)
  const type = raw["type"]
  const d = (decoders ??= build())
  const decodePayload = typeof type === "string" ? d.payloads.get(type) : undefined
  if (decodePayload === undefined) return decodeEvent(value)
  const meta = d.meta(
    {
      stream: raw["stream"],
      eventId: raw["eventId"],
      schemaVersion: raw["schemaVersion"],
      occurredAt: raw["occurredAt"],
      actor: raw["actor"],
      idempotencyKey: raw["idempotencyKey"],
    },
    options,
  )
  if (Result.isFailure(meta) || !sameKeys(raw["stream"], meta.success.stream)) return decodeEvent(value)
  const data = raw["data"]
  const event = decodePayload({ type, data }, options)
  if (Result.isFailure(event) || !sameKeys(data, (event.success as { readonly data: unknown }).data))
    return decodeEvent(value)
  return Result.succeed({ meta: meta.success, event: event.success as E.BudgetEvent })
}
